-- A remix (POST /v1/jobs/:id/clone) records the job it came from. No foreign key: the source may be deleted
-- (DELETE /v1/jobs/:id), and the clone keeps naming it rather than have PostgreSQL rewrite a row its grain owns.
ALTER TABLE jobs ADD COLUMN source_job_id uuid;
