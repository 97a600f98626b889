// API tokens through the real CLI against a real controller process, a real nats-server, an agent on a simulated
// host and a real SQLite file: who may start a rollout, where the CLI finds its token, and what the audit log says.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminTokenFileOf } from "../support/auth.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { CONTROLLER_BIN, type Controller, type Proc, cli, spawnNode, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForHosts } from "../support/events.js";
import { waitFor } from "../support/wait.js";

let nats: NatsServer;
let controller: Controller;
let agent: Proc;
const dir = tempDir("iisfleet-auth-e2e-");
// A working directory with no ./data/admin.token: a CLI run there finds no token of its own.
const elsewhere = tempDir("iisfleet-auth-cwd-");

/** The CLI with exactly the token sources given (none by default), run where no default token file is. */
const as = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  cli(["--controller", controller.url, ...args], { IISFLEET_TOKEN: "", IISFLEET_TOKEN_FILE: "", IISFLEET_DB: "", ...env }, { cwd: elsewhere.path });
const admin = (...args: string[]) => cli(["--controller", controller.url, ...args]);

async function rollouts(): Promise<Array<{ id: string; state: string; createdBy: string }>> {
  const r = await admin("rollout", "list", "--json");
  expect(r.code, r.stderr).toBe(0);
  return (r.json as { rollouts: Array<{ id: string; state: string; createdBy: string }> }).rollouts;
}

async function token(name: string, role: string): Promise<{ id: string; secret: string }> {
  const r = await admin("token", "create", "--name", name, "--role", role, "--json");
  expect(r.code, r.stderr).toBe(0);
  const j = r.json as { token: { id: string }; secret: string };
  return { id: j.token.id, secret: j.secret };
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"));
  agent = startAgentProcess(nats.url, { host: "auth01", farm: "shop" });
  await waitForHosts(controller, 1, "the agent to register");
});

afterAll(async () => {
  await agent?.kill();
  await controller?.kill();
  await nats?.stop();
  dir.remove();
  elsewhere.remove();
});

describe("the first start", () => {
  it("wrote the admin token beside the database (0600), said where, and logged no token", () => {
    const file = adminTokenFileOf(controller.dbPath);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(controller.stdout()).toContain(`wrote an admin API token to ${file}`);
    expect(controller.stderr()).toContain(file);
    expect(controller.stdout() + controller.stderr()).not.toContain(controller.token);
  });
});

describe("who may start a rollout, through the CLI", () => {
  it("nobody without a token: exit 1 and a sentence that says where the CLI looked; nothing is created", async () => {
    const r = await as({}, "rollout", "start", "--hosts", "auth01");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^iisfleet: This API needs a token: .* Token: none \(no --token, \$IISFLEET_TOKEN, --token-file, \$IISFLEET_TOKEN_FILE, and no data\/admin\.token\)\.\n$/);
    const j = await as({}, "rollout", "start", "--hosts", "auth01", "--json");
    expect(j.code).toBe(1);
    expect(j.json).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(await rollouts()).toEqual([]);
  });

  it("not a viewer: exit 1 with the role it needs; nothing is created", async () => {
    const viewer = await token("wallboard", "viewer");
    const r = await as({ IISFLEET_TOKEN: viewer.secret }, "rollout", "start", "--hosts", "auth01");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('iisfleet: POST /api/v1/rollouts needs the operator role; token "wallboard" is a viewer.\n');
    expect((await as({ IISFLEET_TOKEN: viewer.secret }, "rollout", "start", "--hosts", "auth01", "--json")).json).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await rollouts()).toEqual([]);
    // Reading is what a viewer is for.
    expect((await as({ IISFLEET_TOKEN: viewer.secret }, "hosts")).code).toBe(0);
  });

  it("an operator may, with the token from a file; history names the token and the claimed user", async () => {
    const op = await token("alice", "operator");
    const file = join(elsewhere.path, "alice.token");
    writeFileSync(file, `${op.secret}\n`, { mode: 0o600 });
    const r = await as({ USER: "alice" }, "--token-file", file, "rollout", "start", "--hosts", "auth01", "--follow");
    expect(r.code, r.stderr).toBe(0);
    const [started] = await rollouts();
    // The claimed name ($USER) equals the token's: recorded once.
    expect(started).toMatchObject({ state: "succeeded", createdBy: "alice" });
    const reset = await as({ IISFLEET_TOKEN_FILE: file, USER: "bob" }, "reset", "auth01", "--json");
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.json).toMatchObject({ command: { issuer: "alice:bob", state: "succeeded" } });
  });
});

describe("where the CLI finds its token", () => {
  it("--token wins over $IISFLEET_TOKEN, which wins over the files", async () => {
    const viewer = await token("precedence", "viewer");
    const who = async (env: NodeJS.ProcessEnv, ...args: string[]) => ((await as(env, ...args, "token", "whoami", "--json")).json as { token: { name: string } }).token.name;
    expect(await who({ IISFLEET_TOKEN: controller.token }, "--token", viewer.secret)).toBe("precedence");
    expect(await who({ IISFLEET_TOKEN: viewer.secret, IISFLEET_TOKEN_FILE: adminTokenFileOf(controller.dbPath) })).toBe("precedence");
    expect(await who({ IISFLEET_TOKEN_FILE: adminTokenFileOf(controller.dbPath) })).toBe("bootstrap-admin");
  });

  it("by default, admin.token beside the controller's default database: ./data, or beside $IISFLEET_DB", async () => {
    const cwd = tempDir("iisfleet-auth-default-");
    try {
      mkdirSync(join(cwd.path, "data"));
      copyFileSync(adminTokenFileOf(controller.dbPath), join(cwd.path, "data", "admin.token"));
      const r = await cli(["--controller", controller.url, "token", "whoami"], { IISFLEET_TOKEN: "", IISFLEET_TOKEN_FILE: "", IISFLEET_DB: "" }, { cwd: cwd.path });
      expect(r.stdout).toMatch(/^bootstrap-admin \(admin, tok_[0-9a-f]{12}\)\n$/);
    } finally {
      cwd.remove();
    }
    expect((await as({ IISFLEET_DB: controller.dbPath }, "token", "whoami")).code).toBe(0);
  });

  it("a token file named explicitly but missing is an error, not a silent fallback", async () => {
    const r = await as({}, "--token-file", join(elsewhere.path, "nope.token"), "hosts");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read the token file .*nope\.token \(no such file\)/);
  });
});

describe("tokens and the audit log through the CLI", () => {
  it("lists tokens without their secrets, and a revoked token is refused", async () => {
    const t = await token("temp-bot", "operator");
    const list = await admin("token", "list", "--json");
    expect(list.stdout).not.toContain(t.secret);
    expect((list.json as { tokens: Array<{ name: string; state: string }> }).tokens.find((x) => x.name === "temp-bot")?.state).toBe("active");
    expect((await admin("token", "list")).stdout).toMatch(/temp-bot\s+operator\s+active\s+iisf_/);
    expect((await admin("token", "revoke", t.id)).stdout).toBe(`Revoked ${t.id} ("temp-bot", operator).\n`);
    const r = await as({ IISFLEET_TOKEN: t.secret }, "hosts");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/token is not valid .* \(token from \$IISFLEET_TOKEN\)/);
    expect((await admin("token", "create", "--name", "x", "--role", "root")).code).toBe(2);
  });

  it("audit shows allowed and refused attempts with who, what, on what and from where; history shows them to an admin", async () => {
    const r = await admin("audit", "--since", "1h", "--json");
    expect(r.code, r.stderr).toBe(0);
    const rows = (r.json as { audit: Array<{ actor: string; action: string; status: number; remote: string; target: string }> }).audit;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: "anonymous", action: "POST /api/v1/rollouts", status: 401, remote: "127.0.0.1" }),
        expect.objectContaining({ actor: "wallboard", action: "POST /api/v1/rollouts", status: 403 }),
        expect.objectContaining({ actor: "alice", action: "POST /api/v1/rollouts", status: 200, target: expect.stringMatching(/^r-/) }),
        expect.objectContaining({ actor: "alice", action: "POST /api/v1/hosts/:name/reset", status: 200, target: "auth01" }),
      ]),
    );
    expect((await admin("audit")).stdout).toMatch(/wallboard\s+viewer\s+POST \/api\/v1\/rollouts\s+-\s+127\.0\.0\.1\s+403 FORBIDDEN/);
    const history = await admin("history", "--host", "auth01");
    expect(history.stdout).toMatch(/Operator actions \(audit log, newest first\):\n.*\n.*alice\s+operator\s+POST \/api\/v1\/hosts\/:name\/reset\s+auth01/);
    const viewer = await token("history-viewer", "viewer");
    const vh = await as({ IISFLEET_TOKEN: viewer.secret }, "history");
    expect(vh.code).toBe(0);
    expect(vh.stdout).toContain("Operator actions: the audit log needs an admin token (iisfleet audit).");
    expect((await as({ IISFLEET_TOKEN: viewer.secret }, "audit")).code).toBe(1);
  });
});

describe("where the API listens", () => {
  it("loopback by default; every interface only when --listen says so", async () => {
    expect((await cli(["controller", "--help"])).stdout).toMatch(/--listen <host:port>[\s\S]*\(default:\s+127\.0\.0\.1:8740\)/);
    const wide = spawnNode("controller 0.0.0.0", CONTROLLER_BIN, ["controller", "--nats", nats.url, "--db", join(dir.path, "wide", "db.sqlite"), "--listen", "0.0.0.0:0"]);
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(wide.stdout())?.[1], { what: "the controller to listen", timeoutMs: 20_000 });
      expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    } finally {
      await wide.kill();
    }
  });
});

// Last: it revokes the bootstrap admin token every test above uses.
describe("locked out", () => {
  it("every admin token revoked: token recover on the database file makes a new one, audited as an offline action", async () => {
    const tokens = (await admin("token", "list", "--json")).json as { tokens: Array<{ id: string; name: string; state: string }> };
    const bootstrap = tokens.tokens.find((t) => t.name === "bootstrap-admin" && t.state === "active");
    expect(bootstrap).toBeDefined();
    expect((await admin("token", "revoke", bootstrap?.id ?? "")).code).toBe(0);
    expect((await admin("token", "list")).code).toBe(1); // nobody can administer any more

    const missing = await cli(["token", "recover", "--db", join(dir.path, "nope.db")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No database at .*nope\.db/);

    const file = join(dir.path, "recovered.token");
    const r = await cli(["token", "recover", "--db", join(dir.path, "iisfleet.db"), "--file", file, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, "utf8").trim();
    expect(secret).toMatch(/^iisf_/);
    expect(r.stdout).not.toContain(secret); // the file only (the listing shows the usual short hint)

    // The running controller accepts it at once: admin again.
    const back = await as({ IISFLEET_TOKEN_FILE: file }, "audit", "--json");
    expect(back.code, back.stderr).toBe(0);
    const rows = (back.json as { audit: Array<{ actor: string; action: string; remote: string; target: string }> }).audit;
    expect(rows[0]).toMatchObject({ action: "token recover (offline, on the database file)", remote: "local", target: "recovered-admin" });
    expect(rows[0]?.actor).toMatch(/^local:/);
  });
});
