// Maintenance windows over real processes: a real nats-server, the controller and agents on simulated hosts, driven
// through the iisfleet CLI. A window a few seconds long (croner's seconds field) shows a rollout waiting, running,
// pausing at the cutoff and resuming at the next opening, on the real clock. Bounds on time are generous.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, cli } from "../support/processes.js";
import { waitForRollout } from "../support/events.js";
import { type Stack, startStack } from "../support/stack.js";

interface Opening {
  startMs: number;
  endMs: number;
  lastStartMs: number;
  startLocal: string;
  startUtc: string;
}
interface RolloutJson {
  rollout: { id: string; state: string; reason: string };
  hosts: Array<{ host: string; state: string; startedMs: number | null; finishedMs: number | null }>;
}

let stack: Stack | undefined;
let controller: Controller;
// Resets of about 1.3 s (8 service transitions of 150 ms, probes): one or two fit in an opening, never three.
const TICK = ["tick01", "tick02", "tick03"];

const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);

beforeAll(async () => {
  stack = await startStack({
    dirPrefix: "iisfleet-windows-e2e-",
    agents: [...TICK.map((host) => ({ host, farm: "tick", stopMs: 150, startMs: 150 })), { host: "frozen01", farm: "frozen" }],
    waitFor: { hosts: TICK.length + 1, what: "the agents to register" },
  });
  controller = stack.controller;
}, 60_000);

afterAll(() => stack?.stop());

describe("iisfleet window", () => {
  it.each([
    [["--cron", "0 2 * * FUNDAY", "--duration", "3h", "--tz", "Europe/Berlin"], /^iisfleet: --cron: "0 2 \* \* FUNDAY" is not a cron expression/],
    [["--cron", "0 2 * * SUN", "--duration", "3h", "--tz", "Europe/Atlantis"], /^iisfleet: --tz: "Europe\/Atlantis" is not an IANA time zone/],
    [["--cron", "0 2 * * SUN", "--duration", "-3h", "--tz", "UTC"], /^iisfleet: --duration: -3h is negative; give a positive time such as 3h, 90m or 1h30m\.$/],
    [["--cron", "0 2 * * SUN", "--duration", "3h", "--cutoff", "3h", "--tz", "UTC"], /^iisfleet: --cutoff \(3h\) must be shorter than --duration \(3h\), or no batch could ever start\.$/],
  ])("window add %j: one sentence, exit 2", async (args, sentence) => {
    const r = await run("window", "add", "bad", ...args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(sentence);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("errors are JSON with --json; add, list and show answer JSON too", async () => {
    const bad = await run("window", "add", "bad", "--cron", "nope", "--duration", "1h", "--tz", "UTC", "--json");
    expect(bad.code).toBe(2);
    expect(bad.json).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/^--cron: "nope" has 1 field/) } });

    // Only on 29 February: closed whenever this runs, save one hour every four years.
    const add = await run("window", "add", "leap", "--cron", "0 3 29 2 *", "--duration", "1h", "--tz", "Europe/Berlin", "--farm", "frozen", "--json");
    expect(add.code, add.stderr).toBe(0);
    expect(add.json).toMatchObject({ window: { name: "leap", farm: "frozen", timeZone: "Europe/Berlin" } });
    const list = await run("window", "list", "--json");
    expect((list.json as { windows: Array<{ name: string }> }).windows.map((w) => w.name)).toContain("leap");
    const show = await run("window", "show", "leap", "--count", "2", "--json");
    const openings = (show.json as { openings: Opening[] }).openings;
    expect(openings).toHaveLength(2);
    expect(openings[0]?.startLocal).toBe("Tue 2028-02-29 03:00 GMT+1");
    expect(openings[0]?.startUtc).toBe("2028-02-29 02:00 UTC");
    const human = await run("window", "show", "leap", "--count", "2");
    expect(human.stdout).toMatch(/OPENS \(Europe\/Berlin\)/);
    expect(human.stdout).toMatch(/2028-02-29 02:00 UTC/);
  });

  it("a reset outside the host's window is refused with the next opening; --now --reason goes and is on record", async () => {
    const refused = await run("reset", "frozen01");
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      "iisfleet: frozen01 may not be reset now: window leap is closed; it next opens Tue 2028-02-29 03:00 GMT+1 Europe/Berlin (2028-02-29 02:00 UTC). " +
        'To reset it anyway, record why: iisfleet reset frozen01 --now --reason "…".',
    );
    const usage = await run("reset", "frozen01", "--now");
    expect(usage.code).toBe(2);
    const ok = await run("reset", "frozen01", "--now", "--reason", "INC-42 hung app pool", "--issuer", "carol");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Override recorded: bootstrap-admin:carol reset frozen01 although window leap is closed; .*reason: INC-42 hung app pool/);
    const db = new Database(controller.dbPath, { readonly: true });
    try {
      const row = db.prepare("SELECT message FROM events WHERE kind = 'override' AND host = 'frozen01'").get() as { message: string } | undefined;
      expect(row?.message).toMatch(/^bootstrap-admin:carol reset frozen01 outside its maintenance window .*: INC-42 hung app pool$/);
    } finally {
      db.close();
    }
  });
});

describe("a rollout in a window a few seconds long", () => {
  it("waits, runs, pauses at the cutoff and resumes at the next opening", async () => {
    // History first: a batch starts only if the p95 of its hosts' recorded resets fits before the cutoff.
    const seeded = await Promise.all(TICK.map((h) => run("reset", h, "--json")));
    expect(seeded.map((r) => r.code)).toEqual(TICK.map(() => 0));

    // Opens every 6 s for 4 s; nothing starts in its last second.
    const add = await run("window", "add", "tick", "--cron", "*/6 * * * * *", "--duration", "4s", "--cutoff", "1s", "--tz", "UTC", "--farm", "tick", "--default", "--json");
    expect(add.code, add.stderr).toBe(0);
    const openings = ((await (await controller.fetch(`/api/v1/windows/tick?count=100`)).json()) as { openings: Opening[] }).openings;

    const started = await run("rollout", "start", "--farm", "tick", "--batch", "1", "--json");
    expect(started.code, started.stderr).toBe(0);
    const id = (started.json as RolloutJson).rollout.id;
    const final = await waitForRollout<RolloutJson>(controller, id, "finished", "the windowed rollout to finish", { timeoutMs: 90_000 });
    expect(final.rollout.state).toBe("succeeded");

    // Every host started inside an opening, before its cutoff.
    const openingOf = (ms: number) => openings.findIndex((o) => o.startMs <= ms && ms < o.lastStartMs);
    const used = final.hosts.map((h) => openingOf(h.startedMs as number));
    expect(used.every((i) => i >= 0), JSON.stringify({ hosts: final.hosts, openings: openings.slice(0, 10) })).toBe(true);
    // Three resets do not fit in one opening's three usable seconds: the rollout carried on in a later one...
    expect(new Set(used).size, JSON.stringify({ used, hosts: final.hosts, openings: openings.slice(0, 6) })).toBeGreaterThanOrEqual(2);
    // ...after pausing: it went back to waiting-for-window with hosts left, and resumed when the window opened.
    const db = new Database(controller.dbPath, { readonly: true });
    try {
      const messages = (db.prepare("SELECT message, data_json FROM events WHERE kind = 'rollout.window' ORDER BY id").all() as Array<{ message: string; data_json: string }>)
        .filter((e) => (JSON.parse(e.data_json) as { rolloutId?: string }).rolloutId === id)
        .map((e) => e.message);
      const pausedAt = messages.findIndex((m) => /^waiting with \d hosts? left: (window tick is (past its cutoff|closed)|batch \d+ \(expected [^)]+\) does not fit)/.test(m));
      expect(pausedAt, messages.join("\n")).toBeGreaterThanOrEqual(0);
      expect(messages.slice(pausedAt + 1).some((m) => /^window tick is open/.test(m)), messages.join("\n")).toBe(true);
    } finally {
      db.close();
    }
  }, 60_000);
});
