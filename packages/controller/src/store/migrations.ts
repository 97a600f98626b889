/**
 * Schema history. Each entry moves the database from user_version = index to index + 1, inside one
 * transaction. Never edit an entry that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: hosts, commands, their steps, and the event log */ `
  CREATE TABLE hosts (
    name               TEXT PRIMARY KEY,
    farm               TEXT NOT NULL,
    tags_json          TEXT NOT NULL DEFAULT '{}',
    adapter            TEXT NOT NULL DEFAULT '',
    iis_generation     INTEGER NOT NULL DEFAULT 0,
    agent_version      TEXT NOT NULL DEFAULT '',
    instance_id        TEXT NOT NULL DEFAULT '',
    cordoned           INTEGER NOT NULL DEFAULT 0,
    busy_command_id    TEXT NOT NULL DEFAULT '',
    services_json      TEXT NOT NULL DEFAULT '[]',
    app_pools_json     TEXT NOT NULL DEFAULT '[]',
    counters_json      TEXT NOT NULL DEFAULT '{}',
    heartbeat_ms       INTEGER NOT NULL DEFAULT 10000,
    first_seen_ms      INTEGER NOT NULL,
    last_seen_ms       INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE commands (
    id                 TEXT PRIMARY KEY,
    host               TEXT NOT NULL REFERENCES hosts(name),
    kind               TEXT NOT NULL,
    issuer             TEXT NOT NULL,
    operation          TEXT NOT NULL,
    level              TEXT NOT NULL,
    force              INTEGER NOT NULL,
    timeout_ms         INTEGER NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('created','sent','succeeded','failed','rejected','timed-out','error')),
    created_ms         INTEGER NOT NULL,
    sent_ms            INTEGER,
    expires_ms         INTEGER NOT NULL,
    finished_ms        INTEGER,
    agent_started_ms   INTEGER,
    agent_finished_ms  INTEGER,
    code               TEXT,
    message            TEXT
  ) STRICT;
  CREATE INDEX commands_by_host ON commands(host, created_ms);

  CREATE TABLE command_steps (
    command_id         TEXT NOT NULL REFERENCES commands(id),
    seq                INTEGER NOT NULL,
    action             TEXT NOT NULL,
    target             TEXT NOT NULL,
    from_state         TEXT NOT NULL,
    to_state           TEXT NOT NULL,
    duration_ms        INTEGER NOT NULL,
    win32_error        INTEGER NOT NULL,
    message            TEXT NOT NULL,
    ok                 INTEGER NOT NULL,
    skipped            INTEGER NOT NULL,
    PRIMARY KEY (command_id, seq)
  ) STRICT;

  CREATE TABLE events (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms              INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    host               TEXT,
    command_id         TEXT,
    message            TEXT NOT NULL,
    data_json          TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX events_by_command ON events(command_id, id);
  CREATE INDEX events_by_host ON events(host, id);
  `,
];
