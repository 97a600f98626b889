import { describe, expect, it } from "vitest";
import {
  LB_MEMBER_ACTIONS,
  decode,
  encode,
  lbMemberActionFromName,
  lbMemberActionName,
  lbMemberStateFromName,
  lbMemberStateName,
  v1,
} from "../src/index.js";

describe("load-balancer member commands on the wire", () => {
  it("round-trips an lbMember command and its answer, 64-bit counters as plain numbers", () => {
    const cmd = decode.command(
      encode.command({
        commandId: "c1",
        targetHost: "arr01",
        lbMember: { webFarm: "shop farm", server: "web01.example.net", action: v1.LbMemberAction.LB_MEMBER_ACTION_DRAIN },
      }),
    );
    expect(cmd.body).toBe("lbMember");
    expect(cmd.lbMember).toMatchObject({ webFarm: "shop farm", server: "web01.example.net", action: v1.LbMemberAction.LB_MEMBER_ACTION_DRAIN });

    const result = decode.result(
      encode.result({
        commandId: "c1",
        code: "OK",
        lbMember: {
          webFarm: "shop farm",
          server: "web01.example.net",
          state: v1.LbMemberState.LB_MEMBER_STATE_DRAIN,
          healthy: true,
          currentRequests: 3,
          totalRequests: 2 ** 40,
        },
      }),
    );
    expect(result.lbMember).toMatchObject({ state: v1.LbMemberState.LB_MEMBER_STATE_DRAIN, healthy: true, currentRequests: 3 });
    expect(result.lbMember?.totalRequests).toBe(2 ** 40);
  });

  it("a result without the field has none, and an absent state never reads as available", () => {
    const result = decode.result(encode.result({ commandId: "c1", lbMember: { webFarm: "f", server: "s" } }));
    expect(lbMemberStateName(result.lbMember?.state)).toBe("unknown");
    expect(decode.result(encode.result({ commandId: "c2" })).lbMember).toBeNull();
  });

  it("maps action and state names both ways; unknown numbers are refused, not guessed", () => {
    for (const name of LB_MEMBER_ACTIONS) expect(lbMemberActionName(lbMemberActionFromName(name))).toBe(name);
    expect(lbMemberActionName(v1.LbMemberAction.LB_MEMBER_ACTION_UNSPECIFIED)).toBeUndefined();
    expect(lbMemberActionName(42)).toBeUndefined();
    for (const name of ["available", "drain", "unavailable"] as const) expect(lbMemberStateName(lbMemberStateFromName(name))).toBe(name);
  });
});
