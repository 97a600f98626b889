import { InvalidArgumentError } from "commander";
import { InvalidDurationError, InvalidHostNameError, InvalidTagError, parseDuration, parseFarmName, parseHostName, parseTag } from "@iisfleet/proto/grammar";

/** commander parsers for `iisfleet status`: each turns bad input into one sentence before anything is asked. */

/** Repeatable `--tag k=v`; the value is checked by the same rule the agents use. */
export function tagArg(value: string, previous: string[] | undefined): string[] {
  try {
    parseTag(value);
  } catch (err) {
    if (err instanceof InvalidTagError) throw new InvalidArgumentError(err.message);
    throw err;
  }
  return [...(previous ?? []), value];
}

/** Repeatable `--host NAME`, comma-separated lists allowed. */
export function hostsArg(value: string, previous: string[] | undefined): string[] {
  const out = [...(previous ?? [])];
  for (const part of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    try {
      out.push(parseHostName(part));
    } catch (err) {
      if (err instanceof InvalidHostNameError) throw new InvalidArgumentError(err.message);
      throw err;
    }
  }
  return out;
}

export function farmArg(value: string): string {
  try {
    return parseFarmName(value);
  } catch (err) {
    if (err instanceof InvalidHostNameError) throw new InvalidArgumentError(err.message.replace("host name", "farm name"));
    throw err;
  }
}

/** "2s", "500ms", "1m", or a bare number of seconds (like `reset --timeout`); 1 ms to `maxMs`. */
export function durationArg(maxMs: number) {
  return (value: string): number => {
    let ms: number;
    try {
      ms = parseDuration(value, { bareUnit: "s" });
    } catch (err) {
      if (err instanceof InvalidDurationError) throw new InvalidArgumentError(err.message);
      throw err;
    }
    if (ms < 1 || ms > maxMs) throw new InvalidArgumentError(`${value} is out of range: use 1ms to ${maxMs / 1000}s.`);
    return ms;
  };
}
