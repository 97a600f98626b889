import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { encode, readResetBody, resetBody, v1 } from "../src/index.js";

const PROTO = fileURLToPath(new URL("../proto/iisfleet/v1/iisfleet.proto", import.meta.url));

/** The Command message as an agent built before named targets knew it: no Command field 14, no ResetRequest 7-9. */
function commandBeforeNamedTargets(): protobuf.Type {
  const root = protobuf.loadSync(PROTO);
  const drop = (type: string, name: string) => {
    const t = root.lookupType(type);
    const field = t.get(name);
    if (!(field instanceof protobuf.Field)) throw new Error(`${type}.${name} is gone from the .proto`);
    t.remove(field);
  };
  drop("iisfleet.v1.Command", "targetedReset");
  for (const name of ["pools", "startStopped", "sites"]) drop("iisfleet.v1.ResetRequest", name);
  return root.lookupType("iisfleet.v1.Command");
}

describe("resets that name pools or sites", () => {
  const named: v1.IResetRequest = { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["ShopAppPool"] };
  const site: v1.IResetRequest = { operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop"] };

  it("travel as targeted_reset; every other reset as reset", () => {
    expect(resetBody(named)).toEqual({ targetedReset: named });
    expect(resetBody(site)).toEqual({ targetedReset: site });
    expect(resetBody({ level: v1.ResetLevel.RESET_LEVEL_RECYCLE, startStopped: true })).toHaveProperty("targetedReset");
    const plain = { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS };
    expect(resetBody(plain)).toEqual({ reset: plain });
  });

  it("an agent that predates them finds no body it knows, so it refuses instead of recycling every pool or resetting IIS", () => {
    const old = commandBeforeNamedTargets();
    for (const req of [named, site]) {
      const bytes = encode.command({ commandId: "c1", targetHost: "web01", ...resetBody(req) });
      const seen = old.toObject(old.decode(bytes)) as { reset?: unknown; commandId?: string };
      expect(seen.commandId).toBe("c1");
      expect(seen.reset).toBeUndefined();
    }
    // The same names sent the old way reach such an agent as a plain reset without them: what the new field prevents.
    const asReset = old.toObject(old.decode(encode.command({ commandId: "c2", reset: named })), { enums: Number }) as { reset?: { level?: number; pools?: unknown } };
    expect(asReset.reset?.level).toBe(v1.ResetLevel.RESET_LEVEL_RECYCLE);
    expect(asReset.reset?.pools).toBeUndefined();
  });

  it("an agent reads either body, and refuses names in a plain reset or an enum value it does not know", () => {
    expect(readResetBody({ targetedReset: named })).toEqual({ request: named });
    expect(readResetBody({ reset: { level: v1.ResetLevel.RESET_LEVEL_W3SVC } })).toEqual({ request: { level: v1.ResetLevel.RESET_LEVEL_W3SVC } });
    expect(readResetBody({})).toBeUndefined();
    expect(readResetBody({ reset: named })).toEqual({ problem: expect.stringMatching(/plain reset/) });
    expect(readResetBody({ reset: { level: 9 as v1.ResetLevel } })).toEqual({ problem: expect.stringMatching(/level \(9\)/) });
    expect(readResetBody({ targetedReset: { ...site, operation: 7 as v1.Operation } })).toEqual({ problem: expect.stringMatching(/operation \(7\)/) });
  });
});
