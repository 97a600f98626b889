// The CLI registers only the command a run names (program.ts): the name → module table must match what the modules
// register, or a command would vanish from `iisfleet NAME` while help still showed it.
import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, buildProgram } from "../src/cli/program.js";

const names = async (args: string[]) => (await buildProgram(["node", "iisfleet", ...args])).commands.map((c) => c.name());

describe("lazy command registration", () => {
  it("the table names exactly the top-level commands of the whole tree, in help order", async () => {
    const all = (await buildProgram()).commands.map((c) => c.name());
    expect(all).toEqual([...COMMAND_NAMES]);
  });

  it("each command, named alone, is registered (with at most the sibling its module also registers)", async () => {
    const pairs: Record<string, string[]> = { history: ["history", "show"], show: ["history", "show"], cordon: ["cordon", "uncordon"], uncordon: ["cordon", "uncordon"] };
    for (const name of COMMAND_NAMES.filter((n) => n !== "completion")) {
      expect(await names([name]), name).toEqual(pairs[name] ?? [name]);
    }
  });

  it("skips the root's options and their values to find the command", async () => {
    expect(await names(["--controller", "http://127.0.0.1:1", "--json", "--token-file", "hosts", "status"])).toEqual(["status"]);
    expect(await names(["--controller=http://127.0.0.1:1", "hosts", "--json"])).toEqual(["hosts"]);
  });

  it("--version needs no command; help, completion, no command and an unknown word need them all", async () => {
    expect(await names(["--version"])).toEqual([]);
    for (const args of [[], ["--help"], ["--version", "--help"], ["help", "hosts"], ["completion", "bash"], ["hots"], ["--json"]]) {
      expect(await names(args), args.join(" ")).toEqual([...COMMAND_NAMES]);
    }
  });
});
