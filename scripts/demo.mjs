// The iisfleet demo: a local nats-server, the controller (SQLite under ./data) and six simulated IIS hosts,
// all real processes. The controller rolls a noforce reset across the farm two hosts at a time, shows what noforce does
// with a host whose IIS refuses to stop, shows what --force does about it, prints the history, and exits.
//
//   npm run demo            (builds first)
//   node scripts/demo.mjs   (after a build)
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureNatsServer } from "./ensure-nats-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = join(ROOT, "data");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const TOKEN_FILE = join(DATA, "admin.token");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const KEYS = join(DATA, "keys");
const tty = process.stdout.isTTY;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s);

const children = [];
function start(name, cmd, args, env = {}) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const proc = { name, child, out: () => out, err: () => err };
  children.push(proc);
  return proc;
}

async function stopAll() {
  await Promise.all(
    children.reverse().map(
      ({ child }) =>
        new Promise((res) => {
          if (child.exitCode !== null || child.signalCode !== null) return res();
          const t = setTimeout(() => child.kill("SIGKILL"), 5000);
          child.once("exit", () => {
            clearTimeout(t);
            res();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function until(what, fn, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function section(title) {
  process.stdout.write(`\n${bold(`━━ ${title} `.padEnd(100, "━"))}\n`);
}

function say(text) {
  process.stdout.write(`${dim(text)}\n`);
}

/** Runs the real iisfleet CLI on this terminal (so --follow draws its live task list), after showing the command. */
function iisfleet(controller, args) {
  process.stdout.write(`\n${bold("$")} iisfleet ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    // The admin token the controller wrote beside its database on its first start (see "API tokens and audit").
    env: { ...process.env, IISFLEET_CONTROLLER: controller, IISFLEET_TOKEN_FILE: TOKEN_FILE },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return r.status;
}

async function main() {
  let natsBin;
  try {
    natsBin = await ensureNatsServer({ install: true });
  } catch (err) {
    process.stderr.write(`demo: ${err.message}\n`);
    return 1;
  }

  section("iisfleet demo — coordinated, safe IIS resets");
  say("Everything below is real: a nats-server, the iisfleet controller (history in ./data/iisfleet.db), six agents");
  say("on simulated Windows hosts whose services pass through STOP_PENDING/START_PENDING in real time, and the CLI.");
  say("Its NATS is OPEN (loopback, no nkeys): commands are signed, but agent identities are unverified. To lock NATS");
  say('down and have the controller believe only what each agent signs, read README "Securing NATS" (or run docker compose).');

  mkdirSync(DATA, { recursive: true });
  const natsPort = await freePort();
  const apiPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const natsDir = join(DATA, "nats");
  rmSync(natsDir, { recursive: true, force: true });
  const nats = start("nats-server", natsBin, ["-a", "127.0.0.1", "-p", String(natsPort), "-js", "-sd", natsDir]);
  // The controller's command-signing key (kept across runs: keys init never overwrites a key).
  const keys = spawnSync(process.execPath, [CLI, "keys", "init", "--dir", KEYS, "--json"], { encoding: "utf8" });
  if (keys.status !== 0) throw new Error(`iisfleet keys init failed:\n${keys.stdout}${keys.stderr}`);
  const controllerUrl = `http://127.0.0.1:${apiPort}`;
  const controller = start("controller", process.execPath, [
    CLI, "controller", "--nats", natsUrl, "--db", join(DATA, "iisfleet.db"), "--listen", `127.0.0.1:${apiPort}`,
    "--signing-key", join(KEYS, "command-signing.key"),
  ]);
  await until("the controller", async () => controller.out().includes("listening on") || (controller.child.exitCode !== null && Promise.reject()), 20_000).catch(
    () => {
      throw new Error(`the controller did not start:\n${controller.err()}\n${nats.err()}`);
    },
  );

  const farm = [
    { host: "web01" },
    { host: "web02" },
    { host: "web03" },
    { host: "web04" },
    { host: "web05", fault: "hung-stop-protected" },
    { host: "web06", iis: "6" },
  ];
  // Fresh agent state (cordon, result journal) every run, so the demo always tells the same story.
  rmSync(join(DATA, "agents"), { recursive: true, force: true });
  for (const a of farm) {
    start(`agent ${a.host}`, process.execPath, [
      AGENT, "--host", a.host, "--farm", "shop", "--nats", natsUrl, "--simulate", "--heartbeat", "1s",
      "--trusted-key", join(KEYS, "command-signing.pub"),
      "--state-dir", join(DATA, "agents", a.host), "--probe-interval", "200ms",
      "--sim-stop-ms", "350", "--sim-start-ms", "450", "--poll-ms", "50",
      ...(a.fault ? ["--fault", a.fault] : []), ...(a.iis ? ["--sim-iis", a.iis] : []),
    ]);
  }
  await until("six agents to register", async () => {
    const res = await fetch(`${controllerUrl}/api/v1/hosts`, { headers: { authorization: `Bearer ${readFileSync(TOKEN_FILE, "utf8").trim()}` } });
    const { hosts } = await res.json();
    return hosts.filter((h) => farm.some((f) => f.host === h.name) && h.liveness === "online").length === farm.length;
  });

  section("1. The fleet, as the agents report it");
  say("Every API call carries a token: on its first start the controller wrote an admin token to ./data/admin.token");
  say("(mode 0600), and the CLI reads it from there. `iisfleet token create --name alice --role operator` makes more.");
  say("Every command is signed with the controller's ed25519 key (./data/keys, from `iisfleet keys init`); each agent");
  say("trusts only that key's .pub, and refuses unsigned, forged, expired, misdirected or replayed commands.");
  iisfleet(controllerUrl, ["hosts"]);

  section("2. A rolling noforce reset of the farm, two hosts at a time");
  say("The controller plans batches, keeps at most two hosts of the farm out of service, waits for each host to be");
  say("back (services running, sites answering) and halts on the first failure. web05 is left out for now.");
  iisfleet(controllerUrl, ["rollout", "plan", "--farm", "shop", "--exclude", "web05", "--batch", "2"]);
  const code = iisfleet(controllerUrl, ["rollout", "start", "--farm", "shop", "--exclude", "web05", "--batch", "2", "--follow"]);
  if (code !== 0) say("The rollout did not succeed (see above).");

  section("3. The everyday one: recycle one application pool, not IIS");
  say("Each agent reports its pools (with their worker processes) and its sites. Recycling one pool is overlapped: a new");
  say("worker takes new requests while the old one finishes its own; IIS and the other pools are not touched.");
  iisfleet(controllerUrl, ["host", "show", "web01"]);
  iisfleet(controllerUrl, ["recycle", "web01", "--pool", "ShopAppPool"]);

  section("4. web05: IIS refuses to stop — what plain iisreset gets wrong");
  say("W3SVC hangs in STOP_PENDING, and a process hosting IIS code denies access. Noforce (the default) reports");
  say("exactly what failed, kills nothing, starts again what it had already stopped, and names what is still down:");
  iisfleet(controllerUrl, ["reset", "web05", "--timeout", "3"]);

  section("5. The operator decides: --force");
  say("Force terminates only the process hosting the service that hung (WAS and W3SVC's svchost: everything in it is");
  say("being stopped) and its workers, each checked by image and creation time; the one that cannot be opened is");
  say("skipped and reported, instead of failing the whole reset with \"Access Denied\" as iisreset does:");
  iisfleet(controllerUrl, ["reset", "web05", "--force", "--timeout", "3"]);

  section("6. Someone else on the bus: an unsigned reset published straight to NATS");
  say("Whoever can publish on web01's command subject still cannot reset it: the agent checks the signature before it");
  say("even decodes the command, answers with the reason, and the controller's history records the attempt.");
  await forgedReset(natsUrl);

  section("7. History, from SQLite");
  iisfleet(controllerUrl, ["history", "--limit", "10"]);
  iisfleet(controllerUrl, ["rollout", "list"]);

  section("Done");
  say(`History is kept in ${join(DATA, "iisfleet.db")}. Try it yourself:`);
  say("  npx iisfleet --help        npx iisfleet-agent --help");
  return 0;
}

/** What an attacker with access to NATS (but without the controller's key) gets when it asks web01 for a reset. */
async function forgedReset(natsUrl) {
  const { connect } = await import("@nats-io/transport-node");
  const { decode, sealCommand, subjects } = await import("@iisfleet/proto");
  const nc = await connect({ servers: natsUrl });
  try {
    const now = Date.now();
    const unsigned = sealCommand({ commandId: "not-from-the-controller", issuer: "mallory", targetHost: "web01", issuedAtMs: now, expiresAtMs: now + 30_000, reset: { force: true } }, undefined);
    const reply = await nc.request(subjects.command("web01"), unsigned, { timeout: 5_000 });
    const r = decode.result(reply.data);
    say(`  web01 answered: ${r.code}: ${r.message}`);
  } finally {
    await nc.close();
  }
  await new Promise((res) => setTimeout(res, 500)); // the refusal event reaches SQLite in batches
}

let code = 1;
const onSignal = () => void stopAll().then(() => process.exit(130));
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);
try {
  code = await main();
} catch (err) {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);
