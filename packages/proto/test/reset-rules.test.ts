import { describe, expect, it } from "vitest";
import { OPERATIONS, RESET_LEVELS, invalidLevelOperation, levelOperationSentence } from "../src/index.js";

describe("level/operation pairs", () => {
  it("only recycle with stop or start means nothing; every other pair is valid", () => {
    const invalid = RESET_LEVELS.flatMap((level) => OPERATIONS.filter((op) => invalidLevelOperation(level, op)).map((op) => `${level}/${op}`));
    expect(invalid).toEqual(["recycle/stop", "recycle/start"]);
  });

  it("the sentence names both fields the way the caller spells them", () => {
    const bad = invalidLevelOperation("recycle", "stop");
    expect(bad && levelOperationSentence(bad, (f, v) => `--${f} ${v}`)).toBe(
      "--level recycle goes only with --operation restart (recycling application pools has no stop or start), not --operation stop",
    );
  });
});
