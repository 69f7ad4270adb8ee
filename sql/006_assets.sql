-- Uploaded assets and the system asset catalog (spec 01 §3.9, §3.13; spec 08).
-- Rows of asset_files have one writer: the storage pool grain of the asset's owner (the user for a
-- personal URN, the team for team and membership URNs), which also owns ephemeral_storage_bytes.

CREATE TYPE asset_status          AS ENUM ('pending', 'ready', 'failed');
CREATE TYPE system_asset_category AS ENUM ('sfx', 'ambient', 'music', 'transition');

CREATE TABLE asset_files (
    id           uuid PRIMARY KEY,
    owner        varchar(500) NOT NULL,
    -- Kept for audit without a foreign key, like jobs.triggered_by, so the account can still be deleted.
    uploaded_by  uuid         NOT NULL,
    project_id   uuid         REFERENCES projects (id) ON DELETE CASCADE,
    filename     varchar(255) NOT NULL CHECK (length(filename) >= 1),
    s3_key       varchar(500) NOT NULL,
    content_type varchar(255) NOT NULL,
    size_bytes   bigint       NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 52428800),
    status       asset_status NOT NULL DEFAULT 'pending',
    metadata     jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT asset_files_s3_key_unique UNIQUE (s3_key),
    CONSTRAINT valid_content_types CHECK (content_type IN
        ('image/jpeg', 'image/png', 'image/webp', 'audio/mpeg', 'audio/wav', 'audio/ogg', 'video/mp4')),
    CONSTRAINT asset_owner_is_urn CHECK (owner ~ '^framecast:(user|team|[0-9a-f-]{36}):[0-9a-f-]{36}$'),
    CONSTRAINT project_assets_team_owned CHECK (project_id IS NULL OR owner LIKE 'framecast:team:%')
);
CREATE INDEX asset_files_owner_created ON asset_files (owner, created_at DESC, id DESC);
CREATE INDEX asset_files_project ON asset_files (project_id);
CREATE INDEX asset_files_uploaded_by ON asset_files (uploaded_by);
CREATE TRIGGER asset_files_updated_at BEFORE UPDATE ON asset_files FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- pending -> ready | failed; ready and failed are final.
CREATE FUNCTION validate_asset_status_transitions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'Illegal asset transition % -> %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER asset_files_status_transitions BEFORE UPDATE ON asset_files FOR EACH ROW EXECUTE FUNCTION validate_asset_status_transitions();

CREATE TABLE system_assets (
    id               varchar(100)          PRIMARY KEY,
    category         system_asset_category NOT NULL,
    name             varchar(255)          NOT NULL,
    description      varchar(500),
    duration_seconds numeric(10, 3)        CHECK (duration_seconds > 0),
    s3_key           varchar(500)          NOT NULL,
    content_type     varchar(255)          NOT NULL,
    size_bytes       bigint                NOT NULL CHECK (size_bytes > 0),
    tags             varchar(50)[]         NOT NULL DEFAULT '{}',
    deprecated_at    timestamptz,
    created_at       timestamptz           NOT NULL DEFAULT now(),
    CONSTRAINT system_assets_s3_key_unique UNIQUE (s3_key),
    CONSTRAINT valid_asset_id CHECK (id ~ '^asset_(sfx|ambient|music|transition)_[a-z0-9_]+$'),
    CONSTRAINT id_matches_category_and_name CHECK (id = 'asset_' || category::text || '_' || name)
);
CREATE INDEX system_assets_category ON system_assets (category);
CREATE INDEX system_assets_tags ON system_assets USING gin (tags);

CREATE INDEX projects_status ON projects (status);
