-- Webhooks, their deliveries and a record of every attempt (spec 01 §3.10, §3.11; spec 02 §5; spec 06 §8–11).
-- Who writes what: a webhooks row and the status columns of its deliveries have one writer, the webhook's grain
-- (WebhookGrain). A delivery row is born in the transaction of the job event it carries (JobEventLog), written by
-- whichever grain appends that event; from then on only the webhook's grain changes it.

CREATE TYPE webhook_event_type      AS ENUM ('job.queued', 'job.started', 'job.progress', 'job.completed', 'job.failed', 'job.canceled');
CREATE TYPE webhook_delivery_status AS ENUM ('pending', 'retrying', 'delivered', 'failed');

CREATE TABLE webhooks (
    id                uuid                 PRIMARY KEY,
    team_id           uuid                 NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    -- Kept for audit without a foreign key, like jobs.triggered_by, so the account can still be deleted.
    created_by        uuid                 NOT NULL,
    url               varchar(2048)        NOT NULL,
    events            webhook_event_type[] NOT NULL,
    secret            varchar(255)         NOT NULL,
    is_active         boolean              NOT NULL DEFAULT true,
    last_triggered_at timestamptz,
    created_at        timestamptz          NOT NULL DEFAULT now(),
    updated_at        timestamptz          NOT NULL DEFAULT now(),
    -- cardinality, not array_length: array_length('{}') is NULL and would let an empty list through (spec 03 INV-W2).
    CONSTRAINT webhook_events_not_empty CHECK (cardinality(events) > 0),
    -- https only (INV-W4), except the loopback receivers WEBHOOK_ALLOW_LOOPBACK_HTTP lets local development use.
    CONSTRAINT webhook_https_only CHECK (url LIKE 'https://%' OR url ~ '^http://127\.0\.0\.1(:[0-9]+)?(/|$)')
);
CREATE INDEX webhooks_team_active ON webhooks (team_id, is_active);
CREATE TRIGGER webhooks_updated_at BEFORE UPDATE ON webhooks FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE webhook_deliveries (
    id              uuid                    PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Event order: assigned under the job row's lock in the event's transaction, so a webhook's deliveries
    -- of one job sort as their events do (created_at is the transaction's start and can tie).
    seq             bigserial               NOT NULL UNIQUE,
    webhook_id      uuid                    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    job_id          uuid                    REFERENCES jobs (id) ON DELETE SET NULL,
    event_type      varchar(50)             NOT NULL,
    status          webhook_delivery_status NOT NULL DEFAULT 'pending',
    payload         jsonb                   NOT NULL,
    -- job.completed: where the video and thumbnail are ({bucket, video_key, thumbnail_key}). Each attempt presigns them
    -- into the body for an hour (spec 06 §8.5); URLs are never stored, and the keys are never shown.
    output_objects  jsonb,
    response_status integer,
    response_body   varchar(10240),
    attempts        integer                 NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts    integer                 NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    next_retry_at   timestamptz,
    delivered_at    timestamptz,
    created_at      timestamptz             NOT NULL DEFAULT now(),
    CONSTRAINT delivery_attempts_bounded CHECK (attempts <= max_attempts),       -- INV-WD3
    CONSTRAINT delivered_has_time CHECK (status <> 'delivered' OR delivered_at IS NOT NULL) -- INV-WD4
);
-- The webhook grain's queue: its undelivered rows in event order.
CREATE INDEX webhook_deliveries_open ON webhook_deliveries (webhook_id, seq) WHERE status IN ('pending', 'retrying');
CREATE INDEX webhook_deliveries_list ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_job ON webhook_deliveries (job_id, event_type);
CREATE INDEX webhook_deliveries_retrying ON webhook_deliveries (status, next_retry_at) WHERE status = 'retrying';
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);

-- One row per attempt: the delivery row keeps only the last answer (spec), this keeps them all. The unique key is
-- the fence that makes an attempt happen once even should two activations of a webhook's grain ever meet.
CREATE TABLE webhook_delivery_attempts (
    delivery_id      uuid          NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt          integer       NOT NULL CHECK (attempt >= 1),
    started_at       timestamptz   NOT NULL,
    latency_ms       integer,
    response_status  integer,
    response_excerpt varchar(10240),
    error            varchar(500),
    PRIMARY KEY (delivery_id, attempt)
);

-- Retention (spec 07): deliveries, and their attempts with them, are kept 30 days.
CREATE FUNCTION cleanup_old_webhook_deliveries() RETURNS integer LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM webhook_deliveries WHERE created_at < now() - interval '30 days' RETURNING 1)
    SELECT count(*)::integer FROM gone
$$;
