// The agent's on-disk state: cordon (fail-safe when unreadable), result journal (torn writes, compaction),
// and the administrator's policy file (strictly validated).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import { loadAgentId } from "../src/state/agent-id.js";
import { CordonStore } from "../src/state/cordon.js";
import { ResultJournal } from "../src/state/journal.js";
import { DEFAULT_POLICY, PolicyError, loadPolicy, parsePolicy } from "../src/state/policy.js";

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "iisfleet-state-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("cordon", () => {
  it("persists across restarts", () => {
    const dir = tmp();
    new CordonStore(dir, () => undefined).set(true, "patching", 42);
    expect(new CordonStore(dir, () => undefined).current).toEqual({ cordoned: true, reason: "patching", changedAtMs: 42 });
  });

  it("an unreadable state file fails safe: cordoned, with the reason, and reported", () => {
    const dir = tmp();
    writeFileSync(join(dir, "cordon.json"), "{not json");
    const reported: string[] = [];
    const store = new CordonStore(dir, (m) => reported.push(m));
    expect(store.current.cordoned).toBe(true);
    expect(store.current.reason).toMatch(/cordon state file .* is unreadable/);
    expect(reported).toHaveLength(1);
    store.set(false, "", 1);
    expect(new CordonStore(dir, () => undefined).current.cordoned).toBe(false);
  });

  it("a write that fails leaves the state as it was", () => {
    const dir = tmp();
    const store = new CordonStore(dir, () => undefined);
    mkdirSync(join(dir, "cordon.json")); // a directory in the way: rename fails like a full or read-only disk
    expect(() => store.set(true, "x", 1)).toThrow();
    expect(store.current.cordoned).toBe(false);
  });
});

describe("result journal", () => {
  const result = (id: string) => ({ commandId: id, host: "web01", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", message: "done" });

  it("round-trips results and skips a torn last line", () => {
    const dir = tmp();
    const j = new ResultJournal(dir);
    j.append(result("a"), () => []);
    j.append(result("b"), () => []);
    writeFileSync(j.path, `${readFileSync(j.path, "utf8")}Zm9v!!garbage`, { flag: "w" });
    const loaded = new ResultJournal(dir).load();
    expect(loaded.results.map((r) => r.commandId)).toEqual(["a", "b"]);
    expect(loaded.damaged).toBe(1);
  });

  it("compacts to the newest entries when it grows past twice its size", () => {
    const dir = tmp();
    const j = new ResultJournal(dir, 3);
    const all: ReturnType<typeof result>[] = [];
    for (let i = 0; i < 7; i++) {
      const r = result(`c${i}`);
      all.push(r);
      j.append(r, () => all);
    }
    const lines = readFileSync(j.path, "utf8").trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(new ResultJournal(dir, 3).load().results.map((r) => r.commandId)).toEqual(["c4", "c5", "c6"]);
  });
});

describe("policy file", () => {
  it("defaults: force allowed, reboot not", () => {
    expect(loadPolicy(undefined)).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.allowReboot).toBe(false);
  });

  it("reads a valid file", () => {
    const dir = tmp();
    writeFileSync(join(dir, "p.json"), JSON.stringify({ allowForce: false, allowedLevels: ["recycle", "w3svc"] }));
    expect(loadPolicy(join(dir, "p.json"))).toEqual({ ...DEFAULT_POLICY, allowForce: false, allowedLevels: ["recycle", "w3svc"] });
  });

  it.each([
    ["{", /is not valid JSON/],
    ["[]", /must hold a JSON object/],
    ['{"allowForce": "no"}', /"allowForce" must be true or false/],
    ['{"allowedLevels": ["nuke"]}', /"allowedLevels" must be a list drawn from recycle, w3svc, iis, http/],
    ['{"alowForce": true}', /unknown setting "alowForce"/],
  ])("refuses %j with a sentence naming the file", (text, message) => {
    expect(() => parsePolicy(text, "C:/policy.json")).toThrow(PolicyError);
    expect(() => parsePolicy(text, "C:/policy.json")).toThrow(message);
  });

  it("a missing file is an error, not the defaults", () => {
    expect(() => loadPolicy(join(tmp(), "nope.json"))).toThrow(/Cannot read the policy file/);
  });
});

describe("agent id", () => {
  it("is created once and kept across restarts", () => {
    const dir = tmp();
    const a = loadAgentId(dir, () => undefined);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(loadAgentId(dir, () => undefined)).toBe(a);
  });

  it("a damaged id file is replaced, and said so", () => {
    const dir = tmp();
    writeFileSync(join(dir, "agent-id"), "not-an-id");
    const said: string[] = [];
    const id = loadAgentId(dir, (why) => said.push(why));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(said[0]).toMatch(/is damaged; a new id was written/);
    expect(loadAgentId(dir, () => undefined)).toBe(id);
  });
});
