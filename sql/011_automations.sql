-- Automations (spec/automations.md): a project's storyboard rendered when a schedule, a signed inbound webhook or an
-- asset upload fires. Who writes what: an automations row, its executions and its accepted hook signatures have one
-- writer, the automation's grain (AutomationGrain). The cluster sweep deletes what is past its retention.

CREATE TABLE automations (
    id                   uuid         PRIMARY KEY,
    project_id           uuid         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- The project's team, copied so the asset fan-out and the disabled event find their team without a join.
    team_id              uuid         NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    -- Kept without a foreign key, like jobs.triggered_by: the jobs it starts are triggered by this user.
    created_by           uuid         NOT NULL,
    name                 varchar(200) NOT NULL,
    enabled              boolean      NOT NULL DEFAULT true,
    trigger_type         text         NOT NULL CONSTRAINT automation_trigger_known CHECK (trigger_type IN ('schedule', 'webhook', 'asset_upload')),
    cron                 text,
    timezone             text         NOT NULL DEFAULT 'UTC',
    variables            jsonb        NOT NULL DEFAULT '{}'::jsonb,
    -- The options object of every job it starts (the local worker's steering, say).
    job_options          jsonb        NOT NULL DEFAULT '{}'::jsonb,
    -- The inbound hook's HMAC key; only webhook automations have one.
    secret               varchar(255),
    disabled_reason      text,
    -- When the automation's current run began (create, enabled again, trigger changed): no schedule occurrence at or
    -- before it fires, and the failure streak counts only executions after it.
    schedule_from        timestamptz  NOT NULL DEFAULT now(),
    version              bigint       NOT NULL DEFAULT 1,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT automation_schedule_has_cron CHECK (trigger_type <> 'schedule' OR cron IS NOT NULL),
    CONSTRAINT automation_secret_for_webhook CHECK ((trigger_type = 'webhook') = (secret IS NOT NULL)),
    CONSTRAINT automation_variables_object CHECK (jsonb_typeof(variables) = 'object')
);
CREATE INDEX automations_project ON automations (project_id, created_at DESC, id DESC);
-- The asset fan-out: a team's enabled asset_upload automations.
CREATE INDEX automations_asset_upload ON automations (team_id) WHERE trigger_type = 'asset_upload' AND enabled;

-- One row per firing. The UNIQUE (automation_id, scheduled_for) is the fence that makes a schedule occurrence fire once
-- even should two activations of the grain (or a reminder tick after a silo's death) meet; other triggers leave it null.
CREATE TABLE automation_executions (
    id             uuid        PRIMARY KEY,
    automation_id  uuid        NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
    trigger_type   text        NOT NULL CONSTRAINT execution_trigger_known CHECK (trigger_type IN ('schedule', 'webhook', 'asset_upload', 'manual')),
    scheduled_for  timestamptz,
    triggered_at   timestamptz NOT NULL,
    -- pending: claimed, its admission not yet answered (a silo died meanwhile: the next tick admits it again, with the
    -- same idempotency key, so it can never become two jobs).
    status         text        NOT NULL CONSTRAINT execution_status_known CHECK (status IN ('pending', 'started', 'skipped', 'failed')),
    job_id         uuid        REFERENCES jobs (id) ON DELETE SET NULL,
    reason         text,
    message        varchar(1000),
    -- What the templates saw (payload, asset), so a pending execution is admitted again with the same storyboard.
    trigger_data   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT execution_once_per_occurrence UNIQUE (automation_id, scheduled_for),
    CONSTRAINT execution_started_has_job CHECK (status <> 'started' OR job_id IS NOT NULL)
);
CREATE INDEX automation_executions_list ON automation_executions (automation_id, created_at DESC, id DESC);
CREATE INDEX automation_executions_created ON automation_executions (created_at);
-- The sweep's look for executions a dead silo left pending.
CREATE INDEX automation_executions_pending ON automation_executions (created_at) WHERE status = 'pending';

-- Accepted inbound signatures: a replay of one is refused by this key. Kept a little past the 5-minute window.
CREATE TABLE automation_hook_signatures (
    automation_id uuid        NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
    signature     char(64)    NOT NULL,
    accepted_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (automation_id, signature)
);
CREATE INDEX automation_hook_signatures_accepted ON automation_hook_signatures (accepted_at);

CREATE TRIGGER automations_updated_at BEFORE UPDATE ON automations FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Retention: executions 30 days, accepted signatures 10 minutes (twice the signature's 5-minute window).
CREATE FUNCTION cleanup_old_automation_rows() RETURNS integer LANGUAGE sql AS $$
    WITH executions AS (DELETE FROM automation_executions WHERE created_at < now() - interval '30 days' RETURNING 1),
         signatures AS (DELETE FROM automation_hook_signatures WHERE accepted_at < now() - interval '10 minutes' RETURNING 1)
    SELECT ((SELECT count(*) FROM executions) + (SELECT count(*) FROM signatures))::integer
$$;

-- The outgoing event a team's webhooks may subscribe to when an automation disables itself.
ALTER TYPE webhook_event_type ADD VALUE 'automation.disabled';
