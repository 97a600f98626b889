import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./durable-file.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * This agent's lasting identity, created on first start and kept in the state dir. It outlives restarts and a
 * computer rename (the state dir on Windows is machine-wide), which is how the controller tells a restart from
 * a duplicate and notices a renamed host. A damaged file is replaced, and said so: a new identity only makes the
 * controller see a new agent, which is the safe direction.
 */
export function loadAgentId(dir: string, onReplaced: (why: string) => void): string {
  const path = join(dir, "agent-id");
  if (existsSync(path)) {
    const text = readFileSync(path, "utf8").trim();
    if (UUID.test(text)) return text;
    onReplaced(`agent id file ${path} is damaged; a new id was written`);
  }
  const id = randomUUID();
  writeFileAtomic(path, `${id}\n`);
  return id;
}
