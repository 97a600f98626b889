// `rollout … --follow` narrates why a rollout waits, piped and as JSON lines, driven by the controller's event
// stream; `--skip-offline` leaves a stopped agent's host out; `--actor` defaults to $USERNAME where $USER is unset
// (issue 16, items 2, 3 and 4). Real nats-server, controller and simulated agents; waits on the event stream.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiJson, openEventWatch, waitForApi, waitForRollout } from "../support/events.js";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";

interface RolloutJson {
  rollout: { id: string; state: string; reason: string; createdBy: string; definition: { skipOffline?: boolean; skippedBeforeStart?: Array<{ host: string; reason: string }> } };
  hosts: Array<{ host: string; state: string }>;
  actions: Array<{ actor: string; action: string; detail: string }>;
}

let stack: Stack | undefined;
let controller: Controller;

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await controller.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  // fw01 stops slowly: while another rollout resets it, it holds farm fw's capacity (--max-unavailable 1).
  const specs = [
    { host: "fw01", farm: "fw", stopMs: 6_000 },
    { host: "fw02", farm: "fw" },
    { host: "sk01", farm: "sk" },
    { host: "sk02", farm: "sk" },
    { host: "sk03", farm: "sk" },
    { host: "ac01", farm: "ac" },
  ];
  stack = await startStack({
    dirPrefix: "iisfleet-rollout-follow-e2e-",
    agents: specs,
    agentStateInDir: true,
    waitFor: { hosts: specs.length, what: "every agent to register", timeoutMs: 60_000 },
  });
  controller = stack.controller;
}, 90_000);

afterAll(() => stack?.stop());

/** A cron (seconds first) that fires once a day, `aheadMs` from now (UTC). */
function cronAt(aheadMs: number): string {
  const t = new Date(Date.now() + aheadMs);
  return `${t.getUTCSeconds()} ${t.getUTCMinutes()} ${t.getUTCHours()} * * *`;
}

// The three suites use farms of their own (fw, sk, ac) and run side by side (describe.concurrent): the first waits
// half a minute for a window and for capacity, the others are CLI processes a loaded machine takes seconds to start.
describe.concurrent("rollout --follow narrates why it waits", () => {
  it("piped and --json: waiting for the window (with its next opening), then for capacity (naming the host that holds it), then done", async () => {
    const watch = await openEventWatch(controller, { since: "now", kinds: ["rollout"] });
    try {
      // A rollout outside any window (--now) takes fw01 and holds it for about 25 s (each IIS service stops in 6 s):
      // twice as long as the window below takes to open, so the followed rollout then waits for capacity.
      const holder = (await post<RolloutJson>("/api/v1/rollouts", { hosts: ["fw01"], timeoutMs: 120_000, now: true, reason: "e2e holds fw01", actor: "e2e" })).rollout.id;
      await watch.until((e) => e.kind === "rollout.host" && e.data["rolloutId"] === holder && /fw01: resetting/.test(e.message), "fw01 to start resetting");
      // A window that opens in 12 s, a one-off a day: the followed rollout first waits for it.
      await post("/api/v1/windows", { name: "soon", cron: cronAt(12_000), timeZone: "UTC", durationMs: 600_000, farm: "fw", actor: "e2e" });

      const piped = cli(["--controller", controller.url, "rollout", "start", "--hosts", "fw02", "--window", "soon", "--max-unavailable", "1", "--follow"]);
      const started = await watch.until((e) => e.kind === "rollout.started" && /keeping to window soon/.test(e.message), "the followed rollout to start");
      const id = String(started.data["rolloutId"]);
      const json = cli(["--controller", controller.url, "--json", "rollout", "show", id, "--follow"]);
      const [text, lines] = await Promise.all([piped, json]);

      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain(`Started rollout ${id}`);
      expect(text.stdout).toMatch(new RegExp(`rollout ${id}: window soon is closed; .*next`));
      expect(text.stdout).toMatch(new RegExp(`rollout ${id}: waiting for capacity in farm fw: 1 of 1 allowed out of service \\(fw01: `));
      expect(text.stdout).toMatch(/batch 1 {2}fw02 {2}healthy in /);
      // The window line comes before the capacity line: each change is said when it happens.
      expect(text.stdout.indexOf("window soon is closed")).toBeLessThan(text.stdout.indexOf("waiting for capacity"));

      expect(lines.code, lines.stderr).toBe(0);
      const parsed = lines.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { type: string; waitingFor?: string; reason?: string; host?: string; state?: string; rolloutId: string });
      expect(parsed.every((l) => l.rolloutId === id)).toBe(true);
      expect(parsed.find((l) => l.type === "rollout" && l.waitingFor === "capacity")?.reason).toMatch(/fw01: /);
      expect(parsed.some((l) => l.type === "host" && l.host === "fw02" && l.state === "healthy")).toBe(true);
      const last = parsed[parsed.length - 1];
      expect(last).toMatchObject({ type: "final", state: "succeeded" });
      expect((await waitForRollout<RolloutJson>(controller, holder, "finished")).rollout.state).toBe("succeeded");
    } finally {
      watch.close();
    }
  }, 180_000);
});

describe.concurrent("--skip-offline", () => {
  it("a stopped agent's host is listed by plan, and left out of the rollout as skipped before the start, recorded on it", async () => {
    await stack?.agent("sk03").kill();
    await waitForApi(controller, "/api/v1/hosts", (b: { hosts: Array<{ name: string; liveness: string }> }) => b.hosts.find((h) => h.name === "sk03")?.liveness === "offline", "sk03 to go offline", { everyMs: 500 });

    const plan = await cli(["--controller", controller.url, "rollout", "plan", "--farm", "sk", "--max-unavailable", "2"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Out of service now \(they count against --max-unavailable\): sk03 \(offline\)/);
    expect(plan.stdout).toMatch(/--skip-offline leaves the offline targets out/);
    expect(plan.stdout).toMatch(/3 hosts in 3 batches/);

    const r = await cli(["--controller", controller.url, "rollout", "start", "--farm", "sk", "--max-unavailable", "2", "--skip-offline", "--follow"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/Skipped before the start \(--skip-offline\): sk03 \(offline, last heard \d+ s ago\)/);
    const id = /Started rollout (r-\w+)/.exec(r.stdout)?.[1] ?? "";
    const d = await apiJson<RolloutJson>(controller, `/api/v1/rollouts/${id}`);
    expect(d.rollout.state).toBe("succeeded");
    expect(d.hosts.map((h) => h.host)).toEqual(["sk01", "sk02"]);
    expect(d.rollout.definition.skipOffline).toBe(true);
    expect(d.rollout.definition.skippedBeforeStart?.map((h) => h.host)).toEqual(["sk03"]);
    expect(d.actions.find((a) => a.action === "start")?.detail).toMatch(/2 hosts in 2 batches; skipped before the start \(--skip-offline\): sk03 \(offline/);
    const shown = await cli(["--controller", controller.url, "rollout", "show", id]);
    expect(shown.stdout).toMatch(/Skipped before the start \(--skip-offline\): sk03/);
  }, 120_000);
});

describe.concurrent("--actor", () => {
  it("defaults to $USERNAME where $USER is unset (Windows), for rollouts and cordon; --issuer still works as an alias", async () => {
    const env = { USER: undefined, USERNAME: "winop" };
    const r = await cli(["--controller", controller.url, "rollout", "start", "--hosts", "ac01"], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 host in 1 batch;/);
    const id = /Started rollout (r-\w+)/.exec(r.stdout)?.[1] ?? "";
    expect((await apiJson<RolloutJson>(controller, `/api/v1/rollouts/${id}`)).rollout.createdBy).toMatch(/(^|:)winop$/);
    await waitForRollout(controller, id, "finished");

    const c = await cli(["--controller", controller.url, "cordon", "ac01", "--reason", "e2e"], env);
    expect(c.code, c.stderr).toBe(0);
    const u = await cli(["--controller", controller.url, "uncordon", "ac01", "--issuer", "old-name"], env);
    expect(u.code, u.stderr).toBe(0);
    const { commands } = await apiJson<{ commands: Array<{ kind: string; issuer: string }> }>(controller, "/api/v1/commands?host=ac01");
    const issuers = commands.filter((x) => x.kind === "cordon").map((x) => x.issuer);
    expect(issuers.filter((i) => /(^|:)winop$/.test(i))).toHaveLength(1);
    expect(issuers.filter((i) => /(^|:)old-name$/.test(i))).toHaveLength(1);
    const help = await cli(["cordon", "--help"]);
    expect(help.stdout).toMatch(/--actor <name>/);
    expect(help.stdout).not.toMatch(/--issuer/);
  }, 120_000);
});
