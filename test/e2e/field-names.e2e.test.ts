// Issue 16, item 4: errors name fields for the API and flags only in the CLI. An API caller never sent a flag, so
// its 400 names the body's field (`batch`); the CLI, whose user typed `--batch`, says `--batch` — once, with no
// second prefix ("batch: --batch: …" was the old sentence).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";

let stack: Stack | undefined;
let controller: Controller;

beforeAll(async () => {
  stack = await startStack({ dirPrefix: "iisfleet-field-names-e2e-" });
  controller = stack.controller;
}, 90_000);

afterAll(() => stack?.stop());

const occurrences = (text: string, word: string) => text.split(word).length - 1;

async function planError(body: Record<string, unknown>): Promise<{ status: number; code: string; message: string; issues: Array<{ path: unknown[] }> }> {
  const res = await controller.fetch("/api/v1/rollouts/plan", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const payload = (await res.json()) as { error: { code: string; message: string; details: { issues: Array<{ path: unknown[] }> } } };
  return { status: res.status, code: payload.error.code, message: payload.error.message, issues: payload.error.details.issues };
}

describe("errors name fields for the API, flags only in the CLI", () => {
  it.each([
    [{ batch: "0" }, "batch", "batch: must be at least 1."],
    [{ batch: "1,,2" }, "batch", "batch: "],
    [{ maxUnavailable: "0" }, "maxUnavailable", "maxUnavailable: must be at least 1."],
    [{ maxFailures: "lots" }, "maxFailures", 'maxFailures: "lots" is not a number of hosts or a percentage'],
  ])("the API answers %j with the field's name and no flag", async (extra, field, sentence) => {
    const e = await planError({ farm: "shop", ...extra });
    expect(e.status).toBe(400);
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message.startsWith(sentence), e.message).toBe(true);
    expect(e.message).not.toMatch(/--[a-z]/);
    expect(occurrences(e.message, `${field}:`)).toBe(1);
    expect(e.issues[0]?.path).toEqual([field]);
  });

  it.each([
    [["--batch", "0"], "--batch", "--batch: must be at least 1."],
    [["--max-unavailable", "0"], "--max-unavailable", "--max-unavailable: must be at least 1."],
    [["--max-failures", "lots"], "--max-failures", '--max-failures: "lots" is not a number of hosts or a percentage'],
  ])("the CLI says %j with the flag, exactly once", async (flags, flag, sentence) => {
    const r = await cli(["--controller", controller.url, "rollout", "plan", "--farm", "shop", ...flags]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().startsWith(`iisfleet: ${sentence}`), r.stderr).toBe(true);
    expect(occurrences(r.stderr, flag)).toBe(1);
    const field = { "--batch": "batch", "--max-unavailable": "maxUnavailable", "--max-failures": "maxFailures" }[flag] as string;
    expect(r.stderr).not.toMatch(new RegExp(`(?<!-)\\b${field}:`));
  });
});
