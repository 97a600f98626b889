/**
 * Values that already know their JSON text. A live status answer for 10 000 hosts is built from replies that
 * arrive one by one while the query waits for the rest; serializing each host as its reply arrives leaves only a
 * join of strings for the moment the answer is due. A writer that finds `[JSON_TEXT]` uses it instead of
 * JSON.stringify; the text must be exactly what JSON.stringify would give for the value (toJSON included).
 */
export const JSON_TEXT: unique symbol = Symbol("iisfleet.jsonText");

export interface HasJsonText {
  [JSON_TEXT](): string;
}

function hasJsonText(value: unknown): value is HasJsonText {
  return typeof value === "object" && value !== null && typeof (value as Partial<HasJsonText>)[JSON_TEXT] === "function";
}

/** JSON.stringify(value), from the value's own text when it has one; "null" where JSON.stringify gives undefined. */
export function jsonText(value: unknown): string {
  return hasJsonText(value) ? value[JSON_TEXT]() : (JSON.stringify(value) ?? "null");
}
