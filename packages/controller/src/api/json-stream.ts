import type { ServerResponse } from "node:http";
import { JsonBytes, WRITE_JSON, writesJson } from "../json-bytes.js";
import { jsonText } from "../json-text.js";

/** How much JSON is gathered before one write: big enough to keep syscalls few, small enough to stay flat. */
const CHUNK_BYTES = 256 * 1024;
const COMMA = 0x2c;

/**
 * A JSON answer written in pieces. A live status answer for 10 000 hosts is about 9 MB of JSON; built as one
 * string (plus its Buffer copy) it would sit in the controller's heap at once, with every host's decoded facts
 * beside it. Streamed, the listed arrays are serialized element by element, and each element's garbage dies young.
 * The bytes are the same JSON that JSON.stringify(value) would give (keys in the same order, undefined skipped).
 * Elements that carry their own JSON text (json-text.ts) are written from it.
 */
export class StreamedJson {
  constructor(
    readonly value: object,
    private readonly streamedKeys: readonly string[],
  ) {}

  /** The JSON text in pieces. */
  *pieces(): Generator<string> {
    for (const part of this.parts()) {
      if (typeof part === "string") yield part;
      // An element with its JSON text ready (json-text.ts) costs a string join here, nothing more.
      else for (let i = 0; i < part.length; i++) yield (i === 0 ? "" : ",") + jsonText(part[i]);
    }
  }

  /**
   * The same JSON as UTF-8, in chunks of about `chunkBytes`. Elements that write their own bytes (json-bytes.ts)
   * go straight into the chunk; everything else as its text.
   */
  *chunks(chunkBytes = CHUNK_BYTES): Generator<Buffer> {
    // Room past a chunk's size for the element that crosses it: a detailed host's text reserves three bytes a
    // character, and a chunk that had to grow would copy itself once per chunk.
    const out = new JsonBytes(chunkBytes + 64 * 1024);
    for (const part of this.parts()) {
      if (typeof part === "string") out.text(part);
      else {
        for (let i = 0; i < part.length; i++) {
          if (i > 0) out.byte(COMMA);
          const element: unknown = part[i];
          if (writesJson(element)) element[WRITE_JSON](out);
          else out.text(jsonText(element));
          if (out.length >= chunkBytes) yield out.take();
        }
      }
      if (out.length >= chunkBytes) yield out.take();
    }
    yield out.take();
  }

  /** The structure, once: JSON text, and each streamed array (between its brackets) for the caller to write. */
  private *parts(): Generator<string | readonly unknown[]> {
    yield "{";
    let first = true;
    for (const [key, v] of Object.entries(this.value)) {
      if (v === undefined || typeof v === "function") continue;
      yield `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      if (Array.isArray(v) && this.streamedKeys.includes(key)) {
        yield "[";
        yield v as readonly unknown[];
        yield "]";
      } else {
        yield JSON.stringify(v) ?? "null";
      }
    }
    yield "}";
  }
}

/**
 * Writes a StreamedJson with backpressure; gives up quietly when the client goes away. Once the status line is
 * out an error can no longer become an error answer: the connection is cut (the client sees a truncated body, not
 * a wrong one) and the error is returned for the log.
 */
export async function writeStreamedJson(res: ServerResponse, body: StreamedJson): Promise<Error | undefined> {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  try {
    for (const chunk of body.chunks()) {
      if (!res.write(chunk) && !(await drained(res))) return undefined;
    }
    res.end();
    return undefined;
  } catch (err) {
    res.destroy();
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** True once the response can take more, false if the connection closed first. */
function drained(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const done = (ok: boolean) => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}
