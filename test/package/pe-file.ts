// A small reader for Windows PE executables: headers, sections and the resource tree (.rsrc), enough to check
// that iisfleet-agent.exe is a 64-bit console executable carrying Node's NODE_SEA_BLOB resource. Layouts from
// Microsoft's "PE Format" page (learn.microsoft.com/windows/win32/debug/pe-format). Offsets that point outside
// the file are errors, not silent zeros: a truncated or corrupted file must fail the test that reads it.

export class PeFormatError extends Error {
  readonly code = "PE_FORMAT";
}

export const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
export const IMAGE_SUBSYSTEM_WINDOWS_CUI = 3;
export const RT_RCDATA = 10;
const IMAGE_DIRECTORY_ENTRY_RESOURCE = 2;

export interface PeSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawOffset: number;
  rawSize: number;
}

export interface PeResource {
  /** A numeric id (RT_RCDATA = 10) or a name, at each of the three levels: type, name, language. */
  type: number | string;
  name: number | string;
  language: number | string;
  size: number;
  data: Buffer;
}

export interface PeFile {
  machine: number;
  /** Optional header magic 0x20b. */
  pe32Plus: boolean;
  subsystem: number;
  sections: PeSection[];
  resources: PeResource[];
}

function need(cond: boolean, what: string): asserts cond {
  if (!cond) throw new PeFormatError(`not a valid PE file: ${what}`);
}

export function readPeFile(buf: Buffer): PeFile {
  need(buf.length >= 0x40 && buf.toString("latin1", 0, 2) === "MZ", "no MZ (DOS) header");
  const peOffset = buf.readUInt32LE(0x3c);
  need(peOffset + 24 <= buf.length && buf.toString("latin1", peOffset, peOffset + 4) === "PE\0\0", "no PE signature at e_lfanew");
  const coff = peOffset + 4;
  const machine = buf.readUInt16LE(coff);
  const sectionCount = buf.readUInt16LE(coff + 2);
  const optionalSize = buf.readUInt16LE(coff + 16);
  const optional = coff + 20;
  need(optional + optionalSize <= buf.length, "optional header runs past the end of the file");
  const magic = buf.readUInt16LE(optional);
  need(magic === 0x10b || magic === 0x20b, `unknown optional header magic 0x${magic.toString(16)}`);
  const pe32Plus = magic === 0x20b;
  const subsystem = buf.readUInt16LE(optional + 68);
  // The data directories follow the Windows-specific fields: at 96 (PE32) or 112 (PE32+), 8 bytes each.
  const dirs = optional + (pe32Plus ? 112 : 96);
  const dirCount = buf.readUInt32LE(dirs - 4);
  need(dirCount > IMAGE_DIRECTORY_ENTRY_RESOURCE, "no resource data directory");
  const rsrcRva = buf.readUInt32LE(dirs + IMAGE_DIRECTORY_ENTRY_RESOURCE * 8);

  const sections: PeSection[] = [];
  const table = optional + optionalSize;
  need(table + sectionCount * 40 <= buf.length, "section table runs past the end of the file");
  for (let i = 0; i < sectionCount; i++) {
    const s = table + i * 40;
    sections.push({
      name: buf.toString("latin1", s, s + 8).replace(/\0+$/, ""),
      virtualSize: buf.readUInt32LE(s + 8),
      virtualAddress: buf.readUInt32LE(s + 12),
      rawSize: buf.readUInt32LE(s + 16),
      rawOffset: buf.readUInt32LE(s + 20),
    });
  }
  const fileOffset = (rva: number, length: number): number => {
    const s = sections.find((x) => rva >= x.virtualAddress && rva + length <= x.virtualAddress + Math.max(x.virtualSize, x.rawSize));
    need(s !== undefined, `RVA 0x${rva.toString(16)} is in no section`);
    const off = rva - s.virtualAddress + s.rawOffset;
    need(off + length <= buf.length && rva + length <= s.virtualAddress + s.rawSize, `RVA 0x${rva.toString(16)} (+${length}) is not backed by the file`);
    return off;
  };
  return { machine, pe32Plus, subsystem, sections, resources: rsrcRva === 0 ? [] : readResources(buf, fileOffset(rsrcRva, 16), fileOffset) };
}

/** Walks IMAGE_RESOURCE_DIRECTORY type → name → language → IMAGE_RESOURCE_DATA_ENTRY. */
function readResources(buf: Buffer, base: number, fileOffset: (rva: number, length: number) => number): PeResource[] {
  const out: PeResource[] = [];
  const label = (field: number): number | string => {
    if ((field & 0x80000000) === 0) return field;
    const at = base + (field & 0x7fffffff);
    need(at + 2 <= buf.length, "resource name outside the file");
    const len = buf.readUInt16LE(at);
    need(at + 2 + len * 2 <= buf.length, "resource name outside the file");
    return buf.toString("utf16le", at + 2, at + 2 + len * 2);
  };
  const entries = (dirOffset: number): Array<{ id: number | string; target: number; isDir: boolean }> => {
    const at = base + dirOffset;
    need(at + 16 <= buf.length, "resource directory outside the file");
    const count = buf.readUInt16LE(at + 12) + buf.readUInt16LE(at + 14);
    need(at + 16 + count * 8 <= buf.length, "resource directory entries outside the file");
    return Array.from({ length: count }, (_, i) => {
      const e = at + 16 + i * 8;
      const target = buf.readUInt32LE(e + 4);
      return { id: label(buf.readUInt32LE(e)), target: target & 0x7fffffff, isDir: (target & 0x80000000) !== 0 };
    });
  };
  for (const type of entries(0)) {
    need(type.isDir, "a resource type entry must point to a directory");
    for (const name of entries(type.target)) {
      need(name.isDir, "a resource name entry must point to a directory");
      for (const lang of entries(name.target)) {
        need(!lang.isDir, "a resource language entry must point to data");
        const entry = base + lang.target;
        need(entry + 16 <= buf.length, "resource data entry outside the file");
        const rva = buf.readUInt32LE(entry);
        const size = buf.readUInt32LE(entry + 4);
        const off = fileOffset(rva, size);
        out.push({ type: type.id, name: name.id, language: lang.id, size, data: buf.subarray(off, off + size) });
      }
    }
  }
  return out;
}
