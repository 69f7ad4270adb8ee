-- Orleans 10 runtime storage for the ADO.NET providers (clustering, reminders, grain state) on
-- PostgreSQL 15, replacing the home-made runtime of 001_runtime.sql.
--
-- The providers run only the statements stored in orleansquery. They bind parameters by name
-- (@DeploymentId ...) and read result columns by name, so every result column below is aliased to
-- the exact name a provider reads. Table and column names are ours.

drop table if exists silos, grain_state, reminders;

-- Read at start-up by every provider as "select QueryKey, QueryText from OrleansQuery" (unquoted,
-- so it folds to these lowercase names).
create table orleansquery (
    querykey  varchar(64)   primary key,
    querytext varchar(8000) not null
);

-- ---------------------------------------------------------------------------------------------
-- Clustering (UseAdoNetClustering). deployment_id is ClusterOptions.ClusterId.
-- ---------------------------------------------------------------------------------------------

-- One version per cluster: every membership write is a compare-and-swap on it.
create table orleans_membership_version (
    deployment_id varchar(150) primary key,
    updated_at    timestamptz  not null default now(),
    version       integer      not null default 0
);

-- One row per silo incarnation. status: 3 Active, 6 Dead. proxy_port 0 means no gateway; the
-- provider reads it as a non-null int.
create table orleans_membership (
    deployment_id   varchar(150)  not null references orleans_membership_version on delete cascade,
    address         varchar(45)   not null,
    port            integer       not null,
    generation      integer       not null,
    silo_name       varchar(150)  not null,
    host_name       varchar(150)  not null,
    status          integer       not null,
    proxy_port      integer       not null default 0,
    suspect_times   varchar(8000),
    start_time      timestamptz   not null,
    i_am_alive_time timestamptz   not null,
    primary key (deployment_id, address, port, generation)
);

-- Bumping the version first locks the version row, so concurrent writers queue there and the
-- re-check after the wait makes it a true compare-and-swap. If the silo row already exists the
-- exception block rolls the bump back with it. Returns 1 on success, 0 on any conflict.
create function orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer
) returns integer language plpgsql as $$
begin
    update orleans_membership_version
       set version = version + 1, updated_at = now()
     where deployment_id = p_deployment_id and version = p_version;
    if not found then
        return 0;
    end if;

    insert into orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    values (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, p_start_time, p_i_am_alive_time);
    return 1;
exception when unique_violation then
    return 0;
end $$;

-- Same compare-and-swap; a missing silo row raises so that the block undoes the bump.
create function orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer
) returns integer language plpgsql as $$
begin
    update orleans_membership_version
       set version = version + 1, updated_at = now()
     where deployment_id = p_deployment_id and version = p_version;
    if not found then
        return 0;
    end if;

    update orleans_membership
       set status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     where deployment_id = p_deployment_id and address = p_address
       and port = p_port and generation = p_generation;
    if not found then
        raise no_data_found;
    end if;
    return 1;
exception when no_data_found then
    return 0;
end $$;

insert into orleansquery (querykey, querytext) values

-- Must return one row and one column (true when it created the row), or the silo fails to start.
('InsertMembershipVersionKey', '
    with created as (
        insert into orleans_membership_version (deployment_id) values (@DeploymentId)
        on conflict do nothing
        returning 1)
    select count(*) from created'),

-- Orleans 10.4.2 binds no @SuspectTimes here.
('InsertMembershipKey', '
    select orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName,
        @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)'),

('UpdateMembershipKey', '
    select orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
        @SuspectTimes, @IAmAliveTime, @Version)'),

-- Heartbeat: deliberately leaves the table version alone.
('UpdateIAmAlivetimeKey', '
    update orleans_membership set i_am_alive_time = @IAmAliveTime
     where deployment_id = @DeploymentId and address = @Address
       and port = @Port and generation = @Generation'),

-- The left join returns the version even when the silo row is missing; the provider takes a
-- null StartTime to mean "no member".
('MembershipReadRowKey', '
    select v.deployment_id as "DeploymentId", m.address as "Address", m.port as "Port",
           m.generation as "Generation", m.silo_name as "SiloName", m.host_name as "HostName",
           m.status as "Status", m.proxy_port as "ProxyPort", m.suspect_times as "SuspectTimes",
           m.start_time as "StartTime", m.i_am_alive_time as "IAmAliveTime", v.version as "Version"
      from orleans_membership_version v
      left join orleans_membership m
        on m.deployment_id = v.deployment_id and m.address = @Address
       and m.port = @Port and m.generation = @Generation
     where v.deployment_id = @DeploymentId'),

('MembershipReadAllKey', '
    select v.deployment_id as "DeploymentId", m.address as "Address", m.port as "Port",
           m.generation as "Generation", m.silo_name as "SiloName", m.host_name as "HostName",
           m.status as "Status", m.proxy_port as "ProxyPort", m.suspect_times as "SuspectTimes",
           m.start_time as "StartTime", m.i_am_alive_time as "IAmAliveTime", v.version as "Version"
      from orleans_membership_version v
      left join orleans_membership m on m.deployment_id = v.deployment_id
     where v.deployment_id = @DeploymentId'),

-- Used by clients (the gateway list provider) and by silos alike; @Status is 3 (Active).
('GatewaysQueryKey', '
    select address as "Address", proxy_port as "ProxyPort", generation as "Generation"
      from orleans_membership
     where deployment_id = @DeploymentId and status = @Status and proxy_port > 0'),

-- The silo rows go with the version row (on delete cascade).
('DeleteMembershipTableEntriesKey', '
    delete from orleans_membership_version where deployment_id = @DeploymentId'),

-- Required key, but 10.4.2 runs it only when CleanupDefunctSiloEntryKey below is absent.
('CleanupDefunctSiloEntriesKey', '
    delete from orleans_membership
     where deployment_id = @DeploymentId and status <> 3 and i_am_alive_time < @IAmAliveTime'),

-- Optional key read by 10.4.2: the provider picks Dead rows past the cut-off from a full read and
-- deletes each only if it is unchanged since, so a row that moved on in between survives.
('CleanupDefunctSiloEntryKey', '
    delete from orleans_membership
     where deployment_id = @DeploymentId and address = @Address
       and port = @Port and generation = @Generation
       and status = 6 and start_time = @StartTime and i_am_alive_time = @IAmAliveTime
       and coalesce(suspect_times, '''') = coalesce(@SuspectTimes, '''')');

-- ---------------------------------------------------------------------------------------------
-- Grain state (AddAdoNetGrainStorage). service_id is ClusterOptions.ServiceId.
-- ---------------------------------------------------------------------------------------------

-- A string key lives in grain_id_extension_string with n0 = n1 = 0; integer and Guid keys use
-- n0/n1 and keep their optional key extension there (often null). payload_binary is null after a
-- clear, while the row keeps its version. grain_type_string is the state name given in
-- [PersistentState(name, ...)], not the grain class, and the provider passes the key without the
-- grain type: two grain classes using one state name and one key share a row, so keep state
-- names unique across grain classes.
create table orleans_grain_state (
    grain_id_hash             integer      not null,
    grain_id_n0               bigint       not null,
    grain_id_n1               bigint       not null,
    grain_type_hash           integer      not null,
    grain_type_string         varchar(512) not null,
    grain_id_extension_string varchar(512),
    service_id                varchar(150) not null,
    payload_binary            bytea,
    modified_on               timestamptz  not null default now(),
    version                   integer      not null
);

-- One row per grain: makes racing first writes fail instead of leaving two rows. The hashes lead,
-- so the same index serves the lookups; null extensions must collide too.
create unique index orleans_grain_state_identity on orleans_grain_state
    (grain_id_hash, grain_type_hash, service_id, grain_type_string,
     grain_id_n0, grain_id_n1, grain_id_extension_string) nulls not distinct;

insert into orleansquery (querykey, querytext) values

-- With a version: update only that version. Without: insert version 1 only if no row exists.
-- Returns the new version, or on conflict the version sent (null when none was), which the
-- provider turns into InconsistentStateException.
('WriteToStorageKey', '
    with updated as (
        update orleans_grain_state
           set payload_binary = @PayloadBinary, modified_on = now(), version = version + 1
         where @GrainStateVersion is not null and version = @GrainStateVersion
           and grain_id_hash = @GrainIdHash and grain_type_hash = @GrainTypeHash
           and service_id = @ServiceId and grain_type_string = @GrainTypeString
           and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
           and grain_id_extension_string is not distinct from @GrainIdExtensionString
        returning version),
    inserted as (
        insert into orleans_grain_state (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash,
            grain_type_string, grain_id_extension_string, service_id, payload_binary, version)
        select @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
               @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
         where @GrainStateVersion is null
        on conflict do nothing
        returning version)
    select coalesce((select version from updated), (select version from inserted), @GrainStateVersion)
        as "NewGrainStateVersion"'),

-- No row means "never written"; a null payload means "cleared" (the version still counts).
('ReadFromStorageKey', '
    select payload_binary as "PayloadBinary", modified_on as "ModifiedOn", version as "Version"
      from orleans_grain_state
     where grain_id_hash = @GrainIdHash and grain_type_hash = @GrainTypeHash
       and service_id = @ServiceId and grain_type_string = @GrainTypeString
       and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
       and grain_id_extension_string is not distinct from @GrainIdExtensionString'),

-- The provider reads the first column; no row (stale or missing version) is a conflict.
('ClearStorageKey', '
    update orleans_grain_state
       set payload_binary = null, modified_on = now(), version = version + 1
     where version = @GrainStateVersion
       and grain_id_hash = @GrainIdHash and grain_type_hash = @GrainTypeHash
       and service_id = @ServiceId and grain_type_string = @GrainTypeString
       and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
       and grain_id_extension_string is not distinct from @GrainIdExtensionString
    returning version as "NewGrainStateVersion"'),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set. It returns version + 1 only so
-- that the provider sees a changed version; the grain then starts over with no ETag.
('DeleteStorageKey', '
    delete from orleans_grain_state
     where version = @GrainStateVersion
       and grain_id_hash = @GrainIdHash and grain_type_hash = @GrainTypeHash
       and service_id = @ServiceId and grain_type_string = @GrainTypeString
       and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
       and grain_id_extension_string is not distinct from @GrainIdExtensionString
    returning version + 1 as "NewGrainStateVersion"');

-- ---------------------------------------------------------------------------------------------
-- Reminders (UseAdoNetReminderService). service_id is ClusterOptions.ServiceId.
-- ---------------------------------------------------------------------------------------------

-- grain_id is GrainId.ToString() ("type/key"). grain_hash is the grain's uniform hash (a uint)
-- stored as a signed int; period is in milliseconds.
create table orleans_reminders (
    service_id    varchar(150) not null,
    grain_id      varchar(150) not null,
    reminder_name varchar(150) not null,
    start_time    timestamptz  not null,
    period        bigint       not null,
    grain_hash    integer      not null,
    version       integer      not null,
    primary key (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its slice of the hash ring.
create index orleans_reminders_ring on orleans_reminders (service_id, grain_hash);

insert into orleansquery (querykey, querytext) values

-- Returns the row's new version, its ETag.
('UpsertReminderRowKey', '
    insert into orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
    values (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    on conflict (service_id, grain_id, reminder_name) do update
       set start_time = excluded.start_time, period = excluded.period,
           grain_hash = excluded.grain_hash, version = orleans_reminders.version + 1
    returning version as "Version"'),

('ReadReminderRowsKey', '
    select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
           period as "Period", version as "Version"
      from orleans_reminders
     where service_id = @ServiceId and grain_id = @GrainId'),

('ReadReminderRowKey', '
    select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
           period as "Period", version as "Version"
      from orleans_reminders
     where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName'),

-- The ring range (begin, end]. The provider casts both bounds to int as it does the stored hash,
-- and picks this query when (int)begin < (int)end, so plain signed comparisons are right.
('ReadRangeRows1Key', '
    select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
           period as "Period", version as "Version"
      from orleans_reminders
     where service_id = @ServiceId and grain_hash > @BeginHash and grain_hash <= @EndHash'),

-- The range wraps around in signed order (or is the whole ring, when begin = end).
('ReadRangeRows2Key', '
    select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
           period as "Period", version as "Version"
      from orleans_reminders
     where service_id = @ServiceId and (grain_hash > @BeginHash or grain_hash <= @EndHash)'),

-- Must return one row and one column: the number of rows deleted (0 on a stale ETag).
('DeleteReminderRowKey', '
    with deleted as (
        delete from orleans_reminders
         where service_id = @ServiceId and grain_id = @GrainId
           and reminder_name = @ReminderName and version = @Version
        returning 1)
    select count(*) from deleted'),

('DeleteReminderRowsKey', '
    delete from orleans_reminders where service_id = @ServiceId');
