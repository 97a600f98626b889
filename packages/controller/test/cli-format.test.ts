// How the CLI words a command in history and show.
import { describe, expect, it } from "vitest";
import { modeOf } from "../src/cli/format.js";

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

describe("modeOf", () => {
  it("words resets by mode and level", () => {
    expect(modeOf({ kind: "reset", operation: "restart", level: "iis", force: false })).toBe("noforce reset (level iis)");
    expect(strip(modeOf({ kind: "reset", operation: "stop", level: "http", force: true }))).toBe("FORCE stop (level http)");
  });

  it("words cordons and balancer changes as what they are, not as a 'noforce cordon (level -)'", () => {
    expect(modeOf({ kind: "cordon", operation: "cordon", level: "-", force: false })).toBe("cordon");
    expect(modeOf({ kind: "cordon", operation: "uncordon", level: "-", force: false })).toBe("uncordon");
    expect(modeOf({ kind: "lb", operation: "drain", level: "-", force: false })).toBe("load balancer: drain");
  });
});
