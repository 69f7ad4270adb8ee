-- The grain runtime's own tables: cluster membership, document grain state, durable reminders.

CREATE TABLE silos (
    id           uuid PRIMARY KEY,
    host         text        NOT NULL,
    process_id   integer     NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    status       text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped', 'dead')),
    ended_at     timestamptz
);

CREATE INDEX silos_active_heartbeat ON silos (heartbeat_at) WHERE status = 'active';

-- State of grains that keep a document rather than relational rows. version is the ETag.
CREATE TABLE grain_state (
    grain_type text        NOT NULL,
    grain_key  text        NOT NULL,
    version    bigint      NOT NULL CHECK (version > 0),
    state      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key)
);

-- Durable reminders. A silo claims due rows with FOR UPDATE SKIP LOCKED and a lease, so a
-- reminder fires on one silo at a time and a dead silo's claims lapse.
CREATE TABLE reminders (
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    name          text        NOT NULL,
    due_at        timestamptz NOT NULL,
    period_ms     bigint      CHECK (period_ms IS NULL OR period_ms > 0),
    generation    bigint      NOT NULL DEFAULT 1,
    claimed_by    uuid,
    claimed_until timestamptz,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX reminders_due ON reminders (due_at);
