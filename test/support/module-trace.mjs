// `node --import …/module-trace.mjs`: appends the URL of every module the process loads (ESM, and CommonJS packages
// entered from ESM) to the file named by IISFLEET_MODULE_TRACE, one per line. Tests use it to see what a CLI command
// loads. The hooks run on Node's loader thread, which imports this same file; only the main thread registers them.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, next) {
  const out = process.env.IISFLEET_MODULE_TRACE;
  if (out) appendFileSync(out, `${url}\n`);
  return next(url, context);
}
