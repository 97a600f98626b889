import { describe, expect, it } from "vitest";
import { InvalidTagError, parseTag, tagsMatch } from "../src/index.js";

describe("tags", () => {
  it.each([
    ["dc=fra", ["dc", "fra"]],
    ["role=", ["role", ""]],
    ["a.b_c-d=x=y", ["a.b_c-d", "x=y"]],
  ])("parses %s", (input, expected) => {
    expect(parseTag(input)).toEqual(expected);
  });

  it.each(["novalue", "=fra", "d c=fra", "dc=f ra", `${"k".repeat(65)}=v`, "dc/x=1"])("rejects %j with a sentence", (input) => {
    expect(() => parseTag(input)).toThrow(InvalidTagError);
    expect(() => parseTag(input)).toThrow(/is not KEY=VALUE/);
  });

  it("matches when every wanted tag is present with the same value", () => {
    expect(tagsMatch({}, {})).toBe(true);
    expect(tagsMatch({ dc: "fra" }, { dc: "fra", role: "api" })).toBe(true);
    expect(tagsMatch({ dc: "fra", role: "web" }, { dc: "fra", role: "api" })).toBe(false);
    expect(tagsMatch({ dc: "fra" }, {})).toBe(false);
    expect(tagsMatch({ dc: "" }, {})).toBe(false);
  });
});
