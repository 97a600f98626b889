// Reading a docker-compose file the way the tests need it, without a YAML library: one service's block, and the
// shell script of a one-shot service (`entrypoint: ["/bin/sh", "-c"]`, `command: - |`) as its container would run it.

/** One service's block of the compose text (its lines up to the next service or top-level key). */
export function serviceBlock(compose: string, name: string): string {
  const start = compose.indexOf(`\n  ${name}:\n`);
  if (start < 0) throw new Error(`no service ${name}`);
  const rest = compose.slice(start + 1);
  const end = rest.slice(1).search(/\n {2}[a-z0-9-]+:\n|\n[a-z]/);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

/** A service's `command: - |` script as the container's shell would see it ($$ is compose's escape for $). */
export function serviceScript(compose: string, name: string): string {
  const m = /command:\n\s+- \|\n([\s\S]*?)\n {4}[a-z_]+:/.exec(serviceBlock(compose, name));
  if (!m?.[1]) throw new Error(`the ${name} service has no script`);
  return m[1].replace(/\$\$/g, "$").replace(/^ {8}/gm, "");
}
