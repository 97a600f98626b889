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
  /* 2: reset options beyond level/force/timeout (reboot-on-error, skip-health...), kept as JSON */ `
  ALTER TABLE commands ADD COLUMN options_json TEXT NOT NULL DEFAULT '{}';
  `,
  /* 3: the registry keeps the liveness it last recorded (so a restarted controller reports transitions it
        missed), where a renamed host went, and the facts heartbeats gained: health, cordon reason, last reset */ `
  ALTER TABLE hosts ADD COLUMN liveness TEXT NOT NULL DEFAULT 'online';
  ALTER TABLE hosts ADD COLUMN renamed_to TEXT NOT NULL DEFAULT '';
  ALTER TABLE hosts ADD COLUMN health TEXT NOT NULL DEFAULT '';
  ALTER TABLE hosts ADD COLUMN cordon_reason TEXT NOT NULL DEFAULT '';
  ALTER TABLE hosts ADD COLUMN last_reset_json TEXT NOT NULL DEFAULT 'null';
  ALTER TABLE hosts ADD COLUMN uptime_ms INTEGER NOT NULL DEFAULT 0;
  `,
  /* 4: rollouts — a durable state machine: the rollout, each host's place and state in it, and who did what */ `
  CREATE TABLE rollouts (
    id                 TEXT PRIMARY KEY,
    state              TEXT NOT NULL CHECK (state IN ('running','paused','waiting-approval','waiting-for-window','succeeded','failed','aborted')),
    definition_json    TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_ms         INTEGER NOT NULL,
    updated_ms         INTEGER NOT NULL,
    finished_ms        INTEGER,
    current_batch      INTEGER NOT NULL DEFAULT 0,
    batch_count        INTEGER NOT NULL,
    bake_until_ms      INTEGER,
    reason             TEXT NOT NULL DEFAULT ''
  ) STRICT;
  CREATE INDEX rollouts_by_state ON rollouts(state);

  CREATE TABLE rollout_hosts (
    rollout_id         TEXT NOT NULL REFERENCES rollouts(id),
    host               TEXT NOT NULL REFERENCES hosts(name),
    farm               TEXT NOT NULL,
    position           INTEGER NOT NULL,
    batch              INTEGER NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('queued','draining','resetting','undraining','healthy','failed','skipped')),
    command_id         TEXT REFERENCES commands(id),
    attempts           INTEGER NOT NULL DEFAULT 0,
    started_ms         INTEGER,
    finished_ms        INTEGER,
    code               TEXT NOT NULL DEFAULT '',
    message            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (rollout_id, host)
  ) STRICT;
  CREATE INDEX rollout_hosts_by_state ON rollout_hosts(state, farm);

  CREATE TABLE rollout_actions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    rollout_id         TEXT NOT NULL REFERENCES rollouts(id),
    at_ms              INTEGER NOT NULL,
    actor              TEXT NOT NULL,
    action             TEXT NOT NULL,
    host               TEXT,
    detail             TEXT NOT NULL DEFAULT ''
  ) STRICT;

  -- The exact bytes sent, so a restarted controller can re-send the same command id (which the agent runs at
  -- most once) instead of minting a new one.
  ALTER TABLE commands ADD COLUMN envelope BLOB;
  `,
  /* 5: maintenance windows and blackouts (cron in an IANA zone, elapsed duration, cutoff), scoped to a farm and/or
        tags; at most one default window per farm */ `
  CREATE TABLE windows (
    name               TEXT PRIMARY KEY,
    cron               TEXT NOT NULL,
    time_zone          TEXT NOT NULL,
    duration_ms        INTEGER NOT NULL CHECK (duration_ms > 0),
    cutoff_ms          INTEGER NOT NULL DEFAULT 0 CHECK (cutoff_ms >= 0 AND cutoff_ms < duration_ms),
    farm               TEXT,
    tags_json          TEXT NOT NULL DEFAULT '{}',
    blackout           INTEGER NOT NULL DEFAULT 0 CHECK (blackout IN (0, 1)),
    farm_default       INTEGER NOT NULL DEFAULT 0 CHECK (farm_default = 0 OR (farm_default = 1 AND farm IS NOT NULL AND blackout = 0)),
    created_by         TEXT NOT NULL,
    created_ms         INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX windows_default_per_farm ON windows(farm) WHERE farm_default = 1;
  `,
  /* 6: API tokens (only a SHA-256 of each is kept; the token itself is shown once) and the audit log of every
        mutating API request, allowed or refused: who, what, on what, from where, with what outcome */ `
  CREATE TABLE api_tokens (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    role               TEXT NOT NULL CHECK (role IN ('viewer','operator','admin')),
    hash               BLOB NOT NULL UNIQUE,
    hint               TEXT NOT NULL,
    created_ms         INTEGER NOT NULL,
    created_by         TEXT NOT NULL,
    expires_ms         INTEGER,
    last_used_ms       INTEGER,
    revoked_ms         INTEGER,
    revoked_by         TEXT
  ) STRICT;
  CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens(name) WHERE revoked_ms IS NULL;

  CREATE TABLE audit (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms              INTEGER NOT NULL,
    request_id         TEXT NOT NULL,
    token_id           TEXT,
    actor              TEXT NOT NULL,
    role               TEXT,
    action             TEXT NOT NULL,
    method             TEXT NOT NULL,
    path               TEXT NOT NULL,
    target             TEXT NOT NULL DEFAULT '',
    remote             TEXT NOT NULL,
    status             INTEGER,
    code               TEXT,
    message            TEXT NOT NULL DEFAULT ''
  ) STRICT;
  CREATE INDEX audit_by_target ON audit(target, id);
  `,
  /* 7: load-balancer drain per farm: which provider (haproxy, webhook) and its settings, validated by drain/config.ts */ `
  CREATE TABLE farm_drains (
    farm               TEXT PRIMARY KEY,
    provider           TEXT NOT NULL,
    config_json        TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_ms         INTEGER NOT NULL
  ) STRICT;
  `,
  /* 8: when a drained host's reset and its undrain began, so the timeline can draw draining / resetting /
        undraining as three segments (started_ms stays the moment the host's turn began) */ `
  ALTER TABLE rollout_hosts ADD COLUMN reset_started_ms INTEGER;
  ALTER TABLE rollout_hosts ADD COLUMN undrain_started_ms INTEGER;
  `,
  /* 9: a host an operator forgot (iisfleet host forget, --expire-offline): kept for its history's foreign keys,
        left out of the registry until its agent reports again */ `
  ALTER TABLE hosts ADD COLUMN forgotten_ms INTEGER NOT NULL DEFAULT 0;
  `,
  /* 10: a running rollout that cannot make progress says so: since when it is blocked, and by which hosts (out of
        service with nothing under way that would bring them back), as JSON [{host, farm, reason}] */ `
  ALTER TABLE rollouts ADD COLUMN blocked_since_ms INTEGER;
  ALTER TABLE rollouts ADD COLUMN blocked_json TEXT NOT NULL DEFAULT '[]';
  `,
  /* 11: when the controller wrote a command off (timed out) although the agent might still answer for it; a result
        that arrives afterwards is recorded over it as "late" (commands/late-results.ts looks for these) */ `
  ALTER TABLE commands ADD COLUMN written_off_ms INTEGER;
  CREATE INDEX commands_written_off ON commands(written_off_ms) WHERE state = 'timed-out' AND written_off_ms IS NOT NULL;
  `,
  /* 12: history retention (controller --retain) asks, for each old command, whether a rollout host still points at
        it; so does SQLite's foreign-key check on every delete of a command. Without this index both scan rollout_hosts */ `
  CREATE INDEX rollout_hosts_by_command ON rollout_hosts(command_id) WHERE command_id IS NOT NULL;
  `,
  /* 13: notifications (iisfleet notify): where to POST which events, and an outbox of deliveries — one row per event
        and target, written in the transaction that moves the cursor over the event log, so a delivery survives a
        restart and is retried until it is answered 2xx (at least once) or given up */ `
  CREATE TABLE notify_targets (
    name               TEXT PRIMARY KEY,
    url                TEXT NOT NULL,
    format             TEXT NOT NULL CHECK (format IN ('generic','teams','slack')),
    events_json        TEXT NOT NULL,
    secret             TEXT,
    from_event_id      INTEGER NOT NULL,
    created_by         TEXT NOT NULL,
    created_ms         INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE notify_deliveries (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    target             TEXT NOT NULL REFERENCES notify_targets(name) ON DELETE CASCADE,
    event_id           INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    body               TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('pending','delivered','failed')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms    INTEGER NOT NULL,
    created_ms         INTEGER NOT NULL,
    finished_ms        INTEGER,
    last_status        INTEGER,
    last_error         TEXT NOT NULL DEFAULT '',
    UNIQUE (target, event_id)
  ) STRICT;
  CREATE INDEX notify_due ON notify_deliveries(next_attempt_ms) WHERE state = 'pending';

  CREATE TABLE notify_cursor (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    event_id           INTEGER NOT NULL
  ) STRICT;
  `,
  /* 14: starts at a set time (reset --at, rollout start --at): the request as the API took it, when (and in which
        zone it was typed), how late it may still fire, and what became of it. Fires once: 'firing' is committed
        before a reset is sent, so a controller that dies meanwhile never sends it twice */ `
  CREATE TABLE scheduled (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('reset','rollout')),
    target             TEXT NOT NULL,
    request_json       TEXT NOT NULL,
    at_ms              INTEGER NOT NULL,
    time_zone          TEXT NOT NULL,
    grace_ms           INTEGER NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('scheduled','firing','started','missed','cancelled','failed')),
    created_by         TEXT NOT NULL,
    created_ms         INTEGER NOT NULL,
    fired_ms           INTEGER,
    result_id          TEXT,
    message            TEXT NOT NULL DEFAULT ''
  ) STRICT;
  CREATE INDEX scheduled_due ON scheduled(at_ms) WHERE state = 'scheduled';
  `,
  /* 15: the newest command of every host, kept by triggers in the same transaction as the command's insert (or
        delete: history retention prunes commands), so the capacity guard's "latest per host" reads one row per host
        instead of scanning the whole history. Newest = latest created_ms, the later insert on a tie (as the scan it
        replaces ordered them). command_id has no foreign key: the delete trigger replaces it within the statement. */ `
  CREATE TABLE latest_commands (
    host               TEXT PRIMARY KEY REFERENCES hosts(name),
    command_id         TEXT NOT NULL,
    created_ms         INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TRIGGER commands_keep_latest AFTER INSERT ON commands BEGIN
    INSERT INTO latest_commands (host, command_id, created_ms) VALUES (NEW.host, NEW.id, NEW.created_ms)
      ON CONFLICT (host) DO UPDATE SET command_id = excluded.command_id, created_ms = excluded.created_ms
      WHERE excluded.created_ms >= latest_commands.created_ms;
  END;

  CREATE TRIGGER commands_forget_latest AFTER DELETE ON commands
    WHEN OLD.id = (SELECT command_id FROM latest_commands WHERE host = OLD.host)
  BEGIN
    DELETE FROM latest_commands WHERE host = OLD.host;
    INSERT INTO latest_commands (host, command_id, created_ms)
      SELECT host, id, created_ms FROM commands WHERE host = OLD.host ORDER BY created_ms DESC, rowid DESC LIMIT 1;
  END;

  INSERT INTO latest_commands (host, command_id, created_ms)
    SELECT c.host, c.id, c.created_ms FROM commands c WHERE c.rowid = (
      SELECT rowid FROM commands WHERE host = c.host ORDER BY created_ms DESC, rowid DESC LIMIT 1);
  `,
  /* 16 (standby pair, controller --ha): the leader's outbox — every
        committed change to a replicated table (ha/outbox.ts captures them with triggers only a --ha leader installs),
        kept until JetStream acknowledged it — and how far a standby has applied the leader's change stream */ `
  CREATE TABLE ha_outbox (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl                TEXT NOT NULL,
    key_json           TEXT NOT NULL
  ) STRICT;
  CREATE TABLE ha_replica (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    stream_seq         INTEGER NOT NULL,
    term               INTEGER NOT NULL,
    applied_ms         INTEGER NOT NULL
  ) STRICT;
  `,
  /* 17: each host's IIS sites as its agent last reported them (HostFacts.sites: name, id, state, bindings, root
        pool), shown by host show and the dashboard and checked by a rollout that restarts named sites */ `
  ALTER TABLE hosts ADD COLUMN sites_json TEXT NOT NULL DEFAULT '[]';
  `,
  /* 18: events are read by host only for agents' refusals (`iisfleet refused --host`). A partial index over those
        rows answers that query alike, and the ~18 events each reset writes (most of them the agent's progress) no
        longer update an index over every event. */ `
  DROP INDEX events_by_host;
  CREATE INDEX events_refused_by_host ON events(host, id) WHERE kind = 'command.refused';
  `,
  /* 19: agents' progress messages (13 per reset: its phases and steps) are written as one row per commit instead of
        one indexed events row each: ids first_id..last_id of the events' own sequence (reserved in sqlite_sequence, so
        the stream, resume and history see one id order), the messages as a JSON array, and the command ids they
        name (a command's history finds its batches without parsing the others).
        And latest_commands keeps the newest command's kind, state and finish time itself (triggers on insert, on the
        outcome's update and on delete), so the capacity guard at each batch start and the live host tiles each
        second read one small table instead of looking up every host's command in the history. */ `
  CREATE TABLE event_batches (
    first_id           INTEGER PRIMARY KEY,
    last_id            INTEGER NOT NULL,
    at_ms              INTEGER NOT NULL,
    command_ids        TEXT NOT NULL,
    events_json        TEXT NOT NULL
  ) STRICT;

  ALTER TABLE latest_commands ADD COLUMN kind TEXT NOT NULL DEFAULT '';
  ALTER TABLE latest_commands ADD COLUMN state TEXT NOT NULL DEFAULT 'created';
  ALTER TABLE latest_commands ADD COLUMN finished_ms INTEGER;
  UPDATE latest_commands SET (kind, state, finished_ms) =
    (SELECT kind, state, finished_ms FROM commands WHERE id = latest_commands.command_id);

  DROP TRIGGER commands_keep_latest;
  CREATE TRIGGER commands_keep_latest AFTER INSERT ON commands BEGIN
    INSERT INTO latest_commands (host, command_id, created_ms, kind, state, finished_ms)
      VALUES (NEW.host, NEW.id, NEW.created_ms, NEW.kind, NEW.state, NEW.finished_ms)
      ON CONFLICT (host) DO UPDATE SET command_id = excluded.command_id, created_ms = excluded.created_ms,
        kind = excluded.kind, state = excluded.state, finished_ms = excluded.finished_ms
      WHERE excluded.created_ms >= latest_commands.created_ms;
  END;

  CREATE TRIGGER commands_latest_outcome AFTER UPDATE OF state, finished_ms ON commands BEGIN
    UPDATE latest_commands SET state = NEW.state, finished_ms = NEW.finished_ms WHERE host = NEW.host AND command_id = NEW.id;
  END;

  DROP TRIGGER commands_forget_latest;
  CREATE TRIGGER commands_forget_latest AFTER DELETE ON commands
    WHEN OLD.id = (SELECT command_id FROM latest_commands WHERE host = OLD.host)
  BEGIN
    DELETE FROM latest_commands WHERE host = OLD.host;
    INSERT INTO latest_commands (host, command_id, created_ms, kind, state, finished_ms)
      SELECT host, id, created_ms, kind, state, finished_ms FROM commands WHERE host = OLD.host ORDER BY created_ms DESC, rowid DESC LIMIT 1;
  END;
  `,
];
