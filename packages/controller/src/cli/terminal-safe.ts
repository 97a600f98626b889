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

/**
 * Whether JSON text may decode to a string terminalSafe would change: an unsafe character as it is, or an escape
 * that decodes to one (\b \f \n \r \t, or \u of a control or a bidi override). Errs towards yes (an escaped
 * backslash before such letters counts too). No means JSON.parse needs no reviver: a 10,000-host live answer parsed
 * with one took the CLI most of a second.
 */
// eslint-disable-next-line no-control-regex
const MAYBE_UNSAFE_JSON = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\\[bfnrt]|\\u(?:00[01]|007[fF]|00[89]|202|206)/;

export function mayDecodeUnsafe(jsonText: string): boolean {
  return MAYBE_UNSAFE_JSON.test(jsonText);
}
