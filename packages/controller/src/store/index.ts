import { type Db, openDatabase } from "./db.js";
import { CommandStore } from "./commands.js";
import { EventStore } from "./events.js";
import { HostStore } from "./hosts.js";
import { AuditStore } from "./audit.js";
import { TokenStore } from "./tokens.js";
import { NotifyStore } from "./notify.js";
import { CommitQueue } from "./commit-queue.js";

export type { Db } from "./db.js";
export * from "./commands.js";
export * from "./events.js";
export * from "./hosts.js";
export * from "./audit.js";
export * from "./tokens.js";
export * from "./notify.js";
export { openDatabase, schemaVersion } from "./db.js";

/** The controller's whole persistent state, behind one object with a transaction helper. */
export class Store {
  readonly hosts: HostStore;
  readonly commands: CommandStore;
  readonly events: EventStore;
  readonly tokens: TokenStore;
  readonly audit: AuditStore;
  readonly notify: NotifyStore;
  private readonly commits: CommitQueue;

  constructor(readonly db: Db) {
    this.hosts = new HostStore(db);
    this.commands = new CommandStore(db);
    this.events = new EventStore(db);
    this.tokens = new TokenStore(db);
    this.audit = new AuditStore(db);
    this.notify = new NotifyStore(db);
    this.commits = new CommitQueue(db, () => this.events.writeQueued());
    // Queued progress events whose delay is up commit with whatever else commits on that turn. A failed group
    // commit loses them (they are advisory); its writes' own callers hear of it.
    this.events.rideOn(() => this.commits.enqueue(() => undefined).catch(() => undefined));
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Runs fn in one transaction: a state change and its event land together or not at all. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs fn in the transaction of everything else that arrives on this turn of the event loop (group commit: one
   * fsync for a burst of agents' results); resolves once it is committed. See CommitQueue.
   */
  txSoon<T>(fn: () => T): Promise<T> {
    return this.commits.enqueue(fn);
  }

  close(): void {
    if (!this.db.open) return;
    this.commits.flush();
    this.events.flush();
    this.db.close();
  }
}
