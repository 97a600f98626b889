/**
 * Text that came from an agent (app-pool and service names, step messages, refusal reasons) is printed on an
 * operator's terminal. A control character in it — ESC above all — could move the cursor, rewrite earlier lines,
 * change the window title or, on some terminals, answer back (issue #15, finding 3). Every such character is shown
 * as U+FFFD instead: C0 and C1 controls, DEL, and the bidirectional overrides that reorder what is read.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, "\uFFFD");
}

/** A JSON.parse reviver that makes every string value terminal-safe: for API answers the CLI renders for humans. */
export function terminalSafeReviver(_key: string, value: unknown): unknown {
  return typeof value === "string" ? terminalSafe(value) : value;
}
