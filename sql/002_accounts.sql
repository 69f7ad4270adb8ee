-- Accounts: users, teams, memberships, invitations, API keys, the credit ledger and the embedded
-- identity provider. Grains enforce the rules inside their turns; the schema repeats the critical
-- ones (spec 03) as constraints and triggers, as a backstop that also holds for any other writer.

CREATE TYPE user_tier       AS ENUM ('starter', 'creator');
CREATE TYPE membership_role AS ENUM ('owner', 'admin', 'member', 'viewer');
CREATE TYPE invitation_role AS ENUM ('admin', 'member', 'viewer');

-- Stamps updated_at when a column other than version/updated_at changed: a bare version bump (a child row
-- such as an API key changed under the grain's root row) is not an update of the entity itself.
CREATE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (to_jsonb(NEW) - 'version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'updated_at') THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$;

-- id is the identity provider's user id (supplied by the application). version is the grain's ETag.
CREATE TABLE users (
    id                      uuid PRIMARY KEY,
    email                   varchar(255) NOT NULL,
    name                    varchar(100),
    avatar_url              text,
    tier                    user_tier    NOT NULL DEFAULT 'starter',
    credits                 integer      NOT NULL DEFAULT 0 CONSTRAINT users_credits_non_negative CHECK (credits >= 0),
    ephemeral_storage_bytes bigint       NOT NULL DEFAULT 0 CHECK (ephemeral_storage_bytes >= 0),
    upgraded_at             timestamptz,
    version                 bigint       NOT NULL DEFAULT 1,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT users_email_unique UNIQUE (email),
    CONSTRAINT valid_email CHECK (email ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT tier_upgrade_consistency CHECK ((tier = 'creator') = (upgraded_at IS NOT NULL))
);
CREATE INDEX idx_users_tier ON users (tier);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE teams (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                    varchar(100) NOT NULL CHECK (length(trim(name)) >= 1),
    slug                    varchar(50)  NOT NULL,
    credits                 integer      NOT NULL DEFAULT 0 CONSTRAINT teams_credits_non_negative CHECK (credits >= 0),
    ephemeral_storage_bytes bigint       NOT NULL DEFAULT 0 CHECK (ephemeral_storage_bytes >= 0),
    settings                jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    version                 bigint       NOT NULL DEFAULT 1,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT teams_slug_unique UNIQUE (slug),
    CONSTRAINT valid_slug CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' AND position('--' in slug) = 0),
    CONSTRAINT timestamps_order CHECK (created_at <= updated_at)
);
CREATE TRIGGER teams_updated_at BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE memberships (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id    uuid            NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    uuid            NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       membership_role NOT NULL DEFAULT 'member',
    created_at timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT unique_team_user UNIQUE (team_id, user_id)
);
CREATE INDEX idx_memberships_user_id ON memberships (user_id);

-- INV-M4, INV-T7, INV-T8 (the row itself excluded, fixing the UPDATE defect the spec notes) and INV-T2 on
-- demotion. The user's row is locked first so concurrent inserts for one user count one after the other.
CREATE FUNCTION check_membership_constraints() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    user_tier_value user_tier;
BEGIN
    SELECT tier INTO user_tier_value FROM users WHERE id = NEW.user_id FOR UPDATE;
    IF user_tier_value IS DISTINCT FROM 'creator' THEN
        RAISE EXCEPTION 'Only creator users can have team memberships (INV-M4)';
    END IF;
    IF (SELECT count(*) FROM memberships WHERE user_id = NEW.user_id AND id <> NEW.id) >= 50 THEN
        RAISE EXCEPTION 'User cannot be member of more than 50 teams (INV-T8)';
    END IF;
    IF NEW.role = 'owner' AND (TG_OP = 'INSERT' OR OLD.role <> 'owner')
       AND (SELECT count(*) FROM memberships WHERE user_id = NEW.user_id AND role = 'owner' AND id <> NEW.id) >= 10 THEN
        RAISE EXCEPTION 'User cannot own more than 10 teams (INV-T7)';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.role = 'owner' AND NEW.role <> 'owner'
       AND NOT EXISTS (SELECT 1 FROM memberships WHERE team_id = OLD.team_id AND role = 'owner' AND id <> OLD.id) THEN
        RAISE EXCEPTION 'Cannot remove last owner from team (INV-T2)';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER memberships_constraints BEFORE INSERT OR UPDATE ON memberships
    FOR EACH ROW EXECUTE FUNCTION check_membership_constraints();

-- INV-T1/INV-T2 on delete; steps aside when the team row is already gone (the team delete cascading).
CREATE FUNCTION prevent_empty_teams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM teams WHERE id = OLD.team_id) THEN
        RETURN OLD;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM memberships WHERE team_id = OLD.team_id AND id <> OLD.id) THEN
        RAISE EXCEPTION 'Cannot remove last member from team (INV-T1)';
    END IF;
    IF OLD.role = 'owner' AND NOT EXISTS (SELECT 1 FROM memberships WHERE team_id = OLD.team_id AND role = 'owner' AND id <> OLD.id) THEN
        RAISE EXCEPTION 'Cannot remove last owner from team (INV-T2)';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER memberships_prevent_empty_teams BEFORE DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION prevent_empty_teams();

-- invited_by is nullable with ON DELETE SET NULL (spec 01 §1.5 gap): deleting the inviter keeps the audit row.
CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id     uuid            NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    invited_by  uuid            REFERENCES users (id) ON DELETE SET NULL,
    email       varchar(255)    NOT NULL,
    role        invitation_role NOT NULL DEFAULT 'member',
    token       varchar(255)    NOT NULL,
    expires_at  timestamptz     NOT NULL DEFAULT now() + interval '7 days',
    accepted_at timestamptz,
    declined_at timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT invitations_token_unique UNIQUE (token),
    CONSTRAINT valid_email_invitation CHECK (email ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'),
    CONSTRAINT invitation_terminal_state_exclusion CHECK (num_nonnulls(accepted_at, declined_at, revoked_at) <= 1),
    CONSTRAINT invitation_expires_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX idx_invitations_email ON invitations (email);
CREATE INDEX idx_invitations_team_email ON invitations (team_id, email);
CREATE INDEX idx_invitations_team_created ON invitations (team_id, created_at DESC);

-- INV-I7, INV-I8 and CARD-4 (declined rows excluded) at insert.
CREATE FUNCTION check_invitation_constraints() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = NEW.team_id AND u.email = NEW.email) THEN
        RAISE EXCEPTION 'Cannot invite existing team member';
    END IF;
    IF EXISTS (SELECT 1 FROM users WHERE id = NEW.invited_by AND email = NEW.email) THEN
        RAISE EXCEPTION 'Cannot invite yourself';
    END IF;
    IF (SELECT count(*) FROM invitations WHERE team_id = NEW.team_id AND accepted_at IS NULL AND declined_at IS NULL
            AND revoked_at IS NULL AND expires_at > now()) >= 50 THEN
        RAISE EXCEPTION 'Team has reached maximum pending invitations limit (50)';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invitations_constraints BEFORE INSERT ON invitations
    FOR EACH ROW EXECUTE FUNCTION check_invitation_constraints();

-- key_hash is the hex SHA-256 of the raw key: unique, so a presented key is found by its hash.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    owner        varchar(500) NOT NULL,
    name         varchar(100) NOT NULL DEFAULT 'Default',
    key_prefix   varchar(20)  NOT NULL,
    key_hash     varchar(255) NOT NULL CHECK (length(key_hash) > 0),
    scopes       jsonb        NOT NULL DEFAULT '["*"]' CHECK (jsonb_typeof(scopes) = 'array'),
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_key_hash_unique UNIQUE (key_hash),
    CONSTRAINT api_keys_owner_is_urn CHECK (owner ~ '^framecast:(user|team|[0-9a-f-]{36}):[0-9a-f-]{36}$')
);
CREATE INDEX idx_api_keys_user_id ON api_keys (user_id);
CREATE INDEX idx_api_keys_owner ON api_keys (owner);

-- INV-A6/INV-A7, classified by URN shape (the spec's trigger defects fixed).
CREATE FUNCTION check_api_key_owner_constraints() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    holder_tier user_tier;
BEGIN
    SELECT tier INTO holder_tier FROM users WHERE id = NEW.user_id;
    IF NEW.owner LIKE 'framecast:user:%' THEN
        IF NEW.owner <> 'framecast:user:' || NEW.user_id::text THEN
            RAISE EXCEPTION 'A personal API key must name its own user';
        END IF;
    ELSIF holder_tier IS DISTINCT FROM 'creator' THEN
        RAISE EXCEPTION 'Starter users can only have personal API keys';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER api_keys_owner_constraints BEFORE INSERT OR UPDATE OF owner, user_id ON api_keys
    FOR EACH ROW EXECUTE FUNCTION check_api_key_owner_constraints();

-- Every credit change of a user or team pool, with the balance it left. No foreign keys: the ledger outlives
-- the owners it audits. Job debits and refunds go here too.
CREATE TABLE credit_ledger (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_urn     varchar(500) NOT NULL,
    user_id       uuid,
    team_id       uuid,
    delta         integer      NOT NULL CHECK (delta <> 0),
    balance_after integer      NOT NULL CHECK (balance_after >= 0),
    reason        text         NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    job_id        uuid,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT credit_ledger_one_pool CHECK (num_nonnulls(user_id, team_id) = 1)
);
CREATE INDEX idx_credit_ledger_owner ON credit_ledger (owner_urn, created_at DESC);
CREATE INDEX idx_credit_ledger_job ON credit_ledger (job_id) WHERE job_id IS NOT NULL;

-- The embedded identity provider (used when no external provider issues the JWTs).
CREATE TABLE auth_identities (
    user_id       uuid PRIMARY KEY,
    email         varchar(255) NOT NULL,
    password_hash text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT auth_identities_email_unique UNIQUE (email)
);

-- Failed sign-ins, counted per account and per client address to rate-limit password guessing.
CREATE TABLE auth_login_failures (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      varchar(255) NOT NULL,
    address    varchar(64)  NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_auth_login_failures_email ON auth_login_failures (email, created_at);
CREATE INDEX idx_auth_login_failures_address ON auth_login_failures (address, created_at);

-- Deleted accounts: a still-valid token of a deleted user must not provision the account again.
CREATE TABLE deleted_accounts (
    user_id    uuid PRIMARY KEY,
    deleted_at timestamptz NOT NULL DEFAULT now()
);

-- Emails Framecast would send (no mail service runs here): recorded and logged.
CREATE TABLE outbound_emails (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind          varchar(50)  NOT NULL,
    to_email      varchar(255) NOT NULL,
    subject       text         NOT NULL,
    body          text         NOT NULL,
    invitation_id uuid,
    team_id       uuid,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_outbound_emails_to ON outbound_emails (to_email, created_at DESC);
