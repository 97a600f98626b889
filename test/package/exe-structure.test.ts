// `npm run package:agent`'s Windows executable, built here on Linux into a temp dir: a 64-bit console PE file whose
// resources hold Node's NODE_SEA_BLOB, made from this commit's bundle, portable (no snapshot, no code cache), with
// the SEA fuse flipped; and the same bytes on a second build. It cannot run here; the Windows workflow runs it.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/processes.js";
import { IMAGE_FILE_MACHINE_AMD64, IMAGE_SUBSYSTEM_WINDOWS_CUI, type PeFile, PeFormatError, RT_RCDATA, readPeFile } from "./pe-file.js";
import { type PackagedAgent, packageAgent } from "./package-agent.js";

/** From Node's src/node_sea.h: the blob's first 4 bytes, then a uint32 of SeaFlags. */
const SEA_MAGIC = 0x143da20;
const SEA_FLAG_DISABLE_WARNING = 1 << 0;
const SEA_FLAG_USE_SNAPSHOT = 1 << 1;
const SEA_FLAG_USE_CODE_CACHE = 1 << 2;
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const dir = tempDir("iisfleet-exe-");
let packaged: PackagedAgent;
let exe: Buffer;
let pe: PeFile;

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  packaged = await packageAgent(join(dir.path, "a"));
  exe = readFileSync(packaged.exe);
  pe = readPeFile(exe);
}, 300_000);

afterAll(() => dir.remove());

describe("dist/windows/iisfleet-agent.exe", () => {
  it("is a 64-bit Windows console executable", () => {
    expect(pe.machine).toBe(IMAGE_FILE_MACHINE_AMD64);
    expect(pe.pe32Plus).toBe(true);
    expect(pe.subsystem).toBe(IMAGE_SUBSYSTEM_WINDOWS_CUI);
    expect(pe.sections.map((s) => s.name)).toContain(".rsrc");
  });

  it("carries the bundle as its NODE_SEA_BLOB resource, without snapshot or code cache", () => {
    const sea = pe.resources.filter((r) => r.type === RT_RCDATA && r.name === "NODE_SEA_BLOB");
    expect(sea).toHaveLength(1);
    const blob = sea[0]?.data ?? Buffer.alloc(0);
    expect(blob.readUInt32LE(0)).toBe(SEA_MAGIC);
    const flags = blob.readUInt32LE(4);
    expect(flags & SEA_FLAG_DISABLE_WARNING).toBe(SEA_FLAG_DISABLE_WARNING);
    expect(flags & (SEA_FLAG_USE_SNAPSHOT | SEA_FLAG_USE_CODE_CACHE)).toBe(0);
    // The main script is stored as its source text: this commit's bundle, whole.
    const bundle = readFileSync(packaged.bundle);
    expect(blob.indexOf(bundle)).toBeGreaterThan(0);
    // Its recorded path is relative, so the executable does not depend on where the checkout was.
    expect(blob.includes(Buffer.from(dir.path))).toBe(false);
  });

  it("has the SEA fuse flipped, so node.exe starts the embedded script", () => {
    const at = exe.indexOf(`${SEA_FUSE}:`);
    expect(at).toBeGreaterThan(0);
    expect(exe.lastIndexOf(SEA_FUSE)).toBe(at);
    expect(String.fromCharCode(exe[at + SEA_FUSE.length + 1] ?? 0)).toBe("1");
  });

  it("ships beside WinSW and the install script, with their SHA-256 listed and the executable's printed", () => {
    expect(readdirSync(packaged.windowsDir).sort()).toEqual(
      ["SHA256SUMS", "iisfleet-agent-service.exe", "iisfleet-agent-service.exe.config", "iisfleet-agent.exe", "install-agent.ps1"].sort(),
    );
    const sums = readFileSync(join(packaged.windowsDir, "SHA256SUMS"), "utf8");
    for (const line of sums.trim().split("\n")) {
      const [hash, name] = line.split("  ");
      expect(sha256(readFileSync(join(packaged.windowsDir, name ?? "")))).toBe(hash);
    }
    expect(packaged.stdout).toContain(`${sha256(exe)}  ${packaged.exe} (${exe.length} bytes)`);
    // WinSW is a .NET executable too; the reader must accept it and find no SEA in it.
    expect(readPeFile(readFileSync(join(packaged.windowsDir, "iisfleet-agent-service.exe"))).resources.some((r) => r.name === "NODE_SEA_BLOB")).toBe(false);
  });

  it("is reproducible: a second build from the same tree has the same SHA-256", async () => {
    const again = await packageAgent(join(dir.path, "b"));
    expect(sha256(readFileSync(again.exe))).toBe(sha256(exe));
  }, 300_000);

  it("the PE reader refuses a truncated executable instead of reading zeros", () => {
    expect(() => readPeFile(exe.subarray(0, 4096))).toThrow(PeFormatError);
    expect(() => readPeFile(Buffer.from("MZ not a PE file at all, just text padded out to sixty-four bytes........"))).toThrow(PeFormatError);
  });
});
