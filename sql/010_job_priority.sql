-- Priorities and the cluster's worker queue (spec/jobs.md "Priorities and the worker queue").
-- priority orders the queue; dispatched_at is set, by the queue grain alone, when a job is let through to the
-- worker. The queue rebuilds itself from these two columns, so a queue grain that moves silo loses nothing.
ALTER TABLE jobs
    ADD COLUMN priority text NOT NULL DEFAULT 'normal' CONSTRAINT jobs_priority_known CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    ADD COLUMN dispatched_at timestamptz;

-- The queue's reload: the active jobs, waiting or let through.
CREATE INDEX jobs_active_queue ON jobs (created_at) WHERE status IN ('queued', 'processing');

-- A waiting job's place in the queue, as its events show it (no webhook follows this event).
ALTER TYPE job_event_type ADD VALUE 'queue_position';
