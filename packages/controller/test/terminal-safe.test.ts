// The CLI parses an answer without a reviver only when nothing in its JSON text can decode to a character
// terminalSafe would replace: every way JSON has to write one must send it down the reviver's path.
import { describe, expect, it } from "vitest";
import { mayDecodeUnsafe, terminalSafe, terminalSafeReviver } from "../src/cli/terminal-safe.js";

const UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
].map((c) => String.fromCharCode(c));

describe("mayDecodeUnsafe", () => {
  it("says yes for every unsafe character, however the JSON text writes it", () => {
    for (const ch of UNSAFE) {
      const hex = ch.charCodeAt(0).toString(16).padStart(4, "0");
      const texts = [JSON.stringify({ name: `pool${ch}` }), `{"name":"pool\\u${hex}"}`, `{"name":"pool\\u${hex.toUpperCase()}"}`];
      for (const text of texts) {
        expect(terminalSafe(JSON.parse(text).name as string)).not.toBe(JSON.parse(text).name);
        expect(mayDecodeUnsafe(text), text).toBe(true);
      }
    }
    for (const esc of ["b", "f", "n", "r", "t"]) expect(mayDecodeUnsafe(`{"m":"a\\${esc}b"}`)).toBe(true);
  });

  it("says no for a live answer of plain names, and then parsing without the reviver gives the same value", () => {
    const answer = JSON.stringify({ answered: [{ host: "web01", farm: "shop", services: [{ name: "W3SVC", state: "RUNNING", pid: 4 }], note: "a/b \\ \"q\" é ✓" }] });
    expect(mayDecodeUnsafe(answer)).toBe(false);
    expect(JSON.parse(answer)).toEqual(JSON.parse(answer, terminalSafeReviver));
  });
});
