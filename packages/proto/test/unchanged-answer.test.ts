import { describe, expect, it } from "vitest";
import { BriefStatusReport, MalformedPayloadError, StatusReportEncoder, answerDigest, encodeHostFacts, encodeUnchangedAnswer, peekStatusReport, unchangedAnswerOf, v1 } from "../src/index.js";

describe("unchanged answers (StatusReport.unchanged_answer)", () => {
  const full = new StatusReportEncoder("1.0.0", "inst-1").encodeStable(encodeHostFacts({ host: "web01", farm: "shop", services: [{ name: "W3SVC" }] }), 1_700_000_000_000);
  const digest = answerDigest(full);

  it("read back as written, host, digest and the statement's seq", () => {
    const got = unchangedAnswerOf(encodeUnchangedAnswer("web01", digest, 4_321));
    expect(got?.host).toBe("web01");
    expect(Buffer.from(got?.digest ?? []).equals(digest)).toBe(true);
    expect(got?.sinceStatement).toBe(4_321);
    expect(unchangedAnswerOf(encodeUnchangedAnswer("web01", digest, 0))?.sinceStatement).toBe(0);
  });

  it("are never full answers: full ones read as none, and a full reader refuses an unchanged one", () => {
    expect(unchangedAnswerOf(full)).toBeUndefined();
    expect(unchangedAnswerOf(new BriefStatusReport("web01", "shop", "1.0.0", "inst-1").stable(1))).toBeUndefined();
    expect(() => peekStatusReport(encodeUnchangedAnswer("web01", digest, 1))).toThrow(MalformedPayloadError);
  });

  it("laid out otherwise are refused", () => {
    const withFarm = v1.StatusReport.encode({ facts: { host: "web01", farm: "shop" }, unchangedAnswer: digest }).finish();
    expect(() => unchangedAnswerOf(withFarm)).toThrow(MalformedPayloadError);
    const shortDigest = v1.StatusReport.encode({ facts: { host: "web01" }, unchangedAnswer: digest.subarray(0, 16) }).finish();
    expect(() => unchangedAnswerOf(shortDigest)).toThrow(MalformedPayloadError);
    const tail = v1.StatusReport.encode({ instanceId: "x" }).finish();
    const more = Buffer.concat([encodeUnchangedAnswer("web01", digest, 3), tail]);
    expect(() => unchangedAnswerOf(more)).toThrow(MalformedPayloadError);
    // Elsewhere than right after the facts, it is no unchanged answer, and no full one either.
    const between = v1.StatusReport.encode({ facts: { host: "web01" }, unchangedAnswer: digest, instanceId: "x" }).finish();
    expect(unchangedAnswerOf(between)).toBeUndefined();
    expect(() => peekStatusReport(between)).toThrow(MalformedPayloadError);
  });
});
