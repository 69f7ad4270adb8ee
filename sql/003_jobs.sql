-- Projects, jobs, job events and usage. Admission and settlement run in the credit-pool grain's
-- turn; what follows repeats the critical rules as constraints so a bug cannot break them silently.

CREATE TYPE project_status   AS ENUM ('draft', 'rendering', 'completed', 'archived');
CREATE TYPE job_status       AS ENUM ('queued', 'processing', 'completed', 'failed', 'canceled');
CREATE TYPE job_failure_type AS ENUM ('system', 'validation', 'timeout', 'canceled');
CREATE TYPE job_event_type   AS ENUM ('queued', 'started', 'progress', 'scene_complete', 'completed', 'failed', 'canceled');

CREATE TABLE projects (
    id         uuid PRIMARY KEY,
    team_id    uuid           NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    -- The creator's id is kept for audit without a foreign key, so the account can still be deleted.
    created_by uuid           NOT NULL,
    name       varchar(200),
    status     project_status NOT NULL DEFAULT 'draft',
    spec       jsonb,
    version    bigint         NOT NULL DEFAULT 1,
    created_at timestamptz    NOT NULL DEFAULT now(),
    updated_at timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX projects_team_updated ON projects (team_id, updated_at DESC);
CREATE INDEX projects_created_by ON projects (created_by);

CREATE TABLE jobs (
    id                  uuid PRIMARY KEY,
    owner               varchar(500)     NOT NULL,
    -- Kept for audit without a foreign key: deleting an account keeps its jobs (spec 01 §1.5).
    triggered_by        uuid             NOT NULL,
    project_id          uuid             REFERENCES projects (id) ON DELETE SET NULL,
    status              job_status       NOT NULL DEFAULT 'queued',
    spec_snapshot       jsonb            NOT NULL,
    options             jsonb            NOT NULL DEFAULT '{}',
    progress            jsonb            NOT NULL DEFAULT '{}',
    output              jsonb,
    output_size_bytes   bigint,
    error               jsonb,
    credits_charged     integer          NOT NULL DEFAULT 0 CHECK (credits_charged >= 0),
    failure_type        job_failure_type,
    credits_refunded    integer          NOT NULL DEFAULT 0 CHECK (credits_refunded >= 0),
    idempotency_key     varchar(255),
    -- SHA-256 of the create request, so a retry with the same key but another body is told apart.
    request_hash        text,
    canceled_by         uuid,
    -- Execution: the RunPod request, the lease of the silo driving the job, the event sequence.
    worker_request_id   text,
    submitted_at        timestamptz,
    lease_silo          uuid,
    lease_until         timestamptz,
    last_event_sequence bigint           NOT NULL DEFAULT 0,
    started_at          timestamptz,
    completed_at        timestamptz,
    created_at          timestamptz      NOT NULL DEFAULT now(),
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT refund_not_exceeding_charge CHECK (credits_refunded <= credits_charged),
    CONSTRAINT terminal_jobs_have_completion CHECK (status NOT IN ('completed', 'failed', 'canceled') OR completed_at IS NOT NULL),
    CONSTRAINT project_jobs_team_owned CHECK (project_id IS NULL OR owner LIKE 'framecast:team:%'),
    CONSTRAINT failure_type_when_failed CHECK (
        (status = 'failed' AND failure_type IN ('system', 'validation', 'timeout')) OR
        (status = 'canceled' AND failure_type = 'canceled') OR
        (status IN ('queued', 'processing', 'completed') AND failure_type IS NULL)),
    CONSTRAINT completed_jobs_have_output CHECK (status <> 'completed' OR output IS NOT NULL),
    CONSTRAINT failed_jobs_have_error CHECK (status <> 'failed' OR error IS NOT NULL),
    CONSTRAINT owner_is_urn CHECK (owner ~ '^framecast:(user|team|[0-9a-f-]{36}):[0-9a-f-]{36}$')
);
CREATE INDEX jobs_owner_created ON jobs (owner, created_at DESC, id DESC);
CREATE INDEX jobs_triggered_by ON jobs (triggered_by);
CREATE INDEX jobs_project ON jobs (project_id);
CREATE INDEX jobs_created ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_active_owner ON jobs (owner) WHERE status IN ('queued', 'processing');
CREATE INDEX jobs_dispatchable ON jobs (lease_until) WHERE status IN ('queued', 'processing');
CREATE UNIQUE INDEX jobs_idempotency ON jobs (triggered_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- INV-J12: at most one active job per project.
CREATE UNIQUE INDEX jobs_one_active_per_project ON jobs (project_id) WHERE project_id IS NOT NULL AND status IN ('queued', 'processing');

-- The job state machine (spec 02 §2.5): terminal states are final; entering a state stamps its time.
CREATE FUNCTION validate_job_status_transitions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status THEN
        IF OLD.status IN ('completed', 'failed', 'canceled') THEN
            RAISE EXCEPTION 'Cannot transition from terminal status % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'queued' AND NEW.status NOT IN ('processing', 'failed', 'canceled') OR
           OLD.status = 'processing' AND NEW.status NOT IN ('completed', 'failed', 'canceled') THEN
            RAISE EXCEPTION 'Illegal job transition % -> %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status = 'processing' AND NEW.started_at IS NULL THEN
            NEW.started_at := now();
        END IF;
        IF NEW.status IN ('completed', 'failed', 'canceled') AND NEW.completed_at IS NULL THEN
            NEW.completed_at := now();
        END IF;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER jobs_status_transitions BEFORE UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION validate_job_status_transitions();

-- CARD-5/CARD-6 backstop: an inserted active job may not take its pool past its limit. The pool's
-- root row is locked first, so two racing inserts cannot both count below the limit.
CREATE FUNCTION check_job_concurrency_limits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind   text := split_part(NEW.owner, ':', 2);
    target uuid := split_part(NEW.owner, ':', 3)::uuid;
    team   uuid;
    lim    integer;
    active integer;
BEGIN
    IF kind = 'user' THEN
        SELECT CASE WHEN tier::text = 'starter' THEN 1 ELSE 5 END INTO lim FROM users WHERE id = target FOR UPDATE;
        SELECT count(*) INTO active FROM jobs WHERE owner = NEW.owner AND status IN ('queued', 'processing') AND id <> NEW.id;
    ELSE
        team := CASE WHEN kind = 'team' THEN target ELSE kind::uuid END;
        lim := 5;
        PERFORM 1 FROM teams WHERE id = team FOR UPDATE;
        SELECT count(*) INTO active FROM jobs
        WHERE (owner = 'framecast:team:' || team OR owner LIKE 'framecast:' || team || ':%')
          AND status IN ('queued', 'processing') AND id <> NEW.id;
    END IF;
    IF active >= lim THEN
        RAISE EXCEPTION 'CONCURRENT_JOB_LIMIT: % has % active jobs (limit %)', NEW.owner, active, lim USING ERRCODE = 'P0429';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER jobs_concurrency_limits BEFORE INSERT ON jobs FOR EACH ROW
    WHEN (NEW.status IN ('queued', 'processing')) EXECUTE FUNCTION check_job_concurrency_limits();

-- A job settles into its owner's balance, so neither the user nor the team may go while it runs.
CREATE FUNCTION prevent_owner_delete_with_active_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM jobs
        WHERE status IN ('queued', 'processing')
          AND CASE TG_TABLE_NAME
                  WHEN 'users' THEN owner = 'framecast:user:' || OLD.id OR triggered_by = OLD.id
                  ELSE owner = 'framecast:team:' || OLD.id OR owner LIKE 'framecast:' || OLD.id || ':%'
              END) THEN
        RAISE EXCEPTION 'Cannot delete while jobs are queued or processing (ACTIVE_JOBS_EXIST)';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER users_active_jobs BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION prevent_owner_delete_with_active_jobs();
CREATE TRIGGER teams_active_jobs BEFORE DELETE ON teams FOR EACH ROW EXECUTE FUNCTION prevent_owner_delete_with_active_jobs();

CREATE TABLE job_events (
    id         uuid PRIMARY KEY,
    job_id     uuid           NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    sequence   bigint         NOT NULL CHECK (sequence > 0),
    event_type job_event_type NOT NULL,
    payload    jsonb          NOT NULL DEFAULT '{}',
    created_at timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT unique_job_sequence UNIQUE (job_id, sequence)
);
CREATE INDEX job_events_created ON job_events (created_at);

CREATE TABLE usage (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner            varchar(500) NOT NULL,
    period           varchar(7)   NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
    renders_count    integer      NOT NULL DEFAULT 0 CHECK (renders_count >= 0),
    render_seconds   integer      NOT NULL DEFAULT 0,
    credits_used     integer      NOT NULL DEFAULT 0 CHECK (credits_used >= 0),
    credits_refunded integer      NOT NULL DEFAULT 0,
    api_calls        integer      NOT NULL DEFAULT 0,
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT unique_owner_period UNIQUE (owner, period)
);
