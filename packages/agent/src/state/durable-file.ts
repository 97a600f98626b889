import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";

/** Replaces a file's content atomically: a crash leaves the old content or the new one, never half of either. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Appends one line and waits for it to reach the disk. */
export function appendLineDurable(path: string, line: string): void {
  const fd = openSync(path, "a", 0o600);
  try {
    writeSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
