// Counts the transactions SQLite really committed, by reading the database's write-ahead log: every commit (each
// one an fsync under synchronous=FULL) ends with a frame whose "database size after commit" field is non-zero.
// Counting at the file, not by wrapping a method, sees every commit whatever code path made it.
import { existsSync, readFileSync } from "node:fs";
import type { Db } from "../../src/store/index.js";

/**
 * Stops automatic checkpoints on `db` (so the log only grows while a test counts) and returns a function that
 * gives the number of commits in the log so far. Only frames carrying the log header's current salts count: frames
 * left over from before a log reset are stale.
 */
export function walCommitCounter(db: Db): () => number {
  db.pragma("wal_autocheckpoint = 0");
  const path = `${db.name}-wal`;
  return () => {
    if (!existsSync(path)) return 0;
    const wal = readFileSync(path);
    if (wal.length < 32) return 0;
    const pageSize = wal.readUInt32BE(8);
    const salt1 = wal.readUInt32BE(16);
    const salt2 = wal.readUInt32BE(20);
    let commits = 0;
    for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
      if (wal.readUInt32BE(off + 8) !== salt1 || wal.readUInt32BE(off + 12) !== salt2) break;
      if (wal.readUInt32BE(off + 4) !== 0) commits++;
    }
    return commits;
  };
}
