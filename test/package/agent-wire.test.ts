// The agent bundle carries its own static protobuf module (scripts/package-agent.mjs `leanWireModule`): generated
// from the same .proto files as @iisfleet/proto's, without verify, the object converters, create, delimited and type
// URLs. What the agent sends must be byte for byte what the controller's full module sends and reads, and the other
// way round: every message of the wire, with every field set (repeated, nested, enums, negative and 64-bit numbers,
// bytes), is encoded by both and decoded across.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { v1 } from "@iisfleet/proto";
import { build } from "esbuild";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/processes.js";
import { ROOT } from "./package-agent.js";

interface StaticType {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}
type Namespace = Record<string, StaticType | undefined>;

const dir = tempDir("iisfleet-agent-wire-");
let lean: Namespace;
const full = v1 as unknown as Namespace;
const root = protobuf.loadSync(join(ROOT, "packages", "proto", "proto", "iisfleet", "v1", "iisfleet.proto"));
root.resolveAll();
const wire = root.lookup("iisfleet.v1") as protobuf.Namespace;
const messageTypes = wire.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);

beforeAll(async () => {
  const script = pathToFileURL(join(ROOT, "scripts", "package-agent.mjs")).href;
  const { leanWireModule } = (await import(script)) as { leanWireModule(): string };
  writeFileSync(join(dir.path, "lean.js"), leanWireModule());
  // As in the bundle (packages/proto/src/long-off.ts): Long is gone before the generated module loads.
  writeFileSync(join(dir.path, "long-off.js"), 'import $protobuf from "protobufjs/minimal.js";\n$protobuf.util.Long = undefined;\n$protobuf.configure();\n');
  writeFileSync(join(dir.path, "entry.js"), 'import "./long-off.js";\nexport { iisfleet } from "./lean.js";\n');
  // Its own copy of protobufjs/minimal: the generated code finds nested types through the library's shared roots.
  await build({
    entryPoints: [join(dir.path, "entry.js")],
    outfile: join(dir.path, "lean.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    nodePaths: [join(ROOT, "node_modules")],
    logLevel: "silent",
  });
  const mod = (await import(pathToFileURL(join(dir.path, "lean.mjs")).href)) as { iisfleet: { v1: Namespace } };
  lean = mod.iisfleet.v1;
}, 120_000);

afterAll(() => dir.remove());

/**
 * A value for every field of `type`, nested messages to `depth` levels; repeated fields get two elements. Of a oneof
 * only one member can be on the wire: `pick` names it (default the first member).
 */
function sample(type: protobuf.Type, depth: number, pick?: protobuf.Field): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const oneof = field.partOf;
    if (oneof && field !== (pick?.partOf === oneof ? pick : oneof.fieldsArray[0])) continue;
    const one = (i: number): unknown => {
      const t = field.resolvedType;
      if (t instanceof protobuf.Enum) return Math.max(...Object.values(t.values)) - i;
      if (t instanceof protobuf.Type) return depth > 0 ? sample(t, depth - 1) : {};
      switch (field.type) {
        case "string":
          return `${field.name}-${i}-\u00e9`;
        case "bool":
          return i === 0;
        case "bytes":
          return Uint8Array.of(1, 2, 255 - i);
        case "double":
          return 1.5 + i;
        case "float":
          return 0.5 + i;
        case "int32":
        case "sint32":
        case "sfixed32":
          return -5 - i;
        case "uint32":
        case "fixed32":
          return 4_000_000_000 - i;
        case "int64":
        case "sint64":
        case "sfixed64":
          return -1_700_000_000_123 - i;
        default:
          return 1_700_000_000_123 + i;
      }
    };
    if (field.map) out[field.name] = { a: one(0), b: one(1) };
    else out[field.name] = field.repeated ? [one(0), one(1)] : one(0);
  }
  return out;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("the agent's lean protobuf module", () => {
  it("has every message of the wire", () => {
    expect(messageTypes.length).toBeGreaterThanOrEqual(20);
    expect(messageTypes.map((t) => t.name).filter((name) => typeof lean[name]?.encode !== "function" || typeof lean[name]?.decode !== "function")).toEqual([]);
  });

  /** Each message once per member of its oneofs (one sample when it has none). */
  const cases = messageTypes.flatMap((t): [string, protobuf.Type, protobuf.Field | undefined][] => {
    const members = t.oneofsArray.flatMap((o) => o.fieldsArray);
    return members.length === 0 ? [[t.name, t, undefined]] : members.map((m) => [`${t.name} (${m.name})`, t, m]);
  });

  it.each(cases)("%s: the same bytes as the controller's module, both ways", (_label, type, pick) => {
    const name = type.name;
    const message = sample(type, 3, pick);
    const fromFull = full[name]!.encode(message).finish();
    const fromLean = lean[name]!.encode(message).finish();
    expect(fromFull.length).toBeGreaterThan(0);
    expect(hex(fromLean)).toBe(hex(fromFull));
    // Decoded by the other side and encoded again: nothing lost or changed in either direction.
    expect(hex(full[name]!.encode(lean[name]!.decode(fromFull)).finish())).toBe(hex(fromFull));
    expect(hex(lean[name]!.encode(full[name]!.decode(fromLean)).finish())).toBe(hex(fromFull));
  });
});
