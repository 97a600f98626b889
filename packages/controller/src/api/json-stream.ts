import type { ServerResponse } from "node:http";
import { jsonText } from "../json-text.js";

/** How much JSON text is gathered before one write: big enough to keep syscalls few, small enough to stay flat. */
const CHUNK_CHARS = 64 * 1024;

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

  *pieces(): Generator<string> {
    yield "{";
    let first = true;
    for (const [key, v] of Object.entries(this.value)) {
      if (v === undefined || typeof v === "function") continue;
      yield `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      if (Array.isArray(v) && this.streamedKeys.includes(key)) {
        yield "[";
        // An element with its JSON text ready (json-text.ts) costs a string join here, nothing more.
        for (let i = 0; i < v.length; i++) yield (i === 0 ? "" : ",") + jsonText(v[i]);
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
    let buffered = "";
    for (const piece of body.pieces()) {
      buffered += piece;
      if (buffered.length < CHUNK_CHARS) continue;
      const ok = res.write(buffered);
      buffered = "";
      if (!ok && !(await drained(res))) return undefined;
    }
    res.end(buffered);
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
