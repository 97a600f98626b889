/**
 * Values that write their own JSON as bytes. A 10 000-host live answer is 10 000 small objects whose text is a
 * remembered head (AnswerJsonCache) and two numbers: written straight into one buffer they cost a copy and a few
 * digits each, where made as strings they cost a number-to-string conversion, a join and an encoding pass. What
 * is written must be exactly the UTF-8 of the value's JSON.stringify text (json-text.ts gives that text).
 */
export const WRITE_JSON: unique symbol = Symbol("iisfleet.writeJson");

export interface WritesJson {
  [WRITE_JSON](out: JsonBytes): void;
}

export function writesJson(value: unknown): value is WritesJson {
  return typeof value === "object" && value !== null && typeof (value as Partial<WritesJson>)[WRITE_JSON] === "function";
}

const MIN_CAPACITY = 64 * 1024;

/** A growing byte buffer for JSON text; `take()` hands over what is written so far and starts anew. */
export class JsonBytes {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly capacity = MIN_CAPACITY) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.pos;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** One byte (an ASCII character of JSON's syntax). */
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** JSON text (already escaped), as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** A number as JSON.stringify writes it; whole numbers from 0 to 2^53 without making a string. */
  number(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) return this.text(JSON.stringify(n));
    this.room(16);
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      this.buf[--at] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /** What is written so far (a copy-free view); the next write starts a fresh buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.max(this.capacity, this.pos));
    this.pos = 0;
    return out;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
