-- Orleans keeps one activation per grain, so the home-made runtime's job leases go, and the
-- worker-driving checkpoint (request id, submission time) moves into the job grain's storage.
DROP INDEX IF EXISTS jobs_dispatchable;
ALTER TABLE jobs
    DROP COLUMN lease_silo,
    DROP COLUMN lease_until,
    DROP COLUMN worker_request_id,
    DROP COLUMN submitted_at;

-- A balance has one writer, its credit pool grain, and the rest of the row has another (the user or
-- team grain). Each fences its own columns with its own version, so neither invalidates the other.
ALTER TABLE users ADD COLUMN credits_version bigint NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN credits_version bigint NOT NULL DEFAULT 1;
