using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Persistence;
using Framecast.Grains.Storyboards;
using Framecast.Grains.Users;
using Npgsql;

namespace Framecast.Silo.Storage.Accounts;

/// <summary>
/// The transaction shape every account write shares: one transaction, the writing grain's root row updated first
/// and conditionally on its version, commit, then an explicit call to every other grain whose rows changed, so it
/// reloads. Database errors that are rule violations (the schema's backstops) become the domain's errors.
/// </summary>
public sealed class AccountsDb(NpgsqlDataSource dataSource, IGrainFactory grains)
{
    public NpgsqlDataSource DataSource => dataSource;

    public async Task<T> QueryAsync<T>(Func<NpgsqlConnection, Task<T>> read)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await read(connection);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; <paramref name="grain"/>/<paramref name="expectedVersion"/>
    /// name the calling grain for conflicts. Work adds the other grains whose rows it changed with <see cref="Tx.Touch"/>.</summary>
    public async Task<T> WriteAsync<T>(AccountGrain grain, long expectedVersion, Func<Tx, Task<T>> work)
    {
        T result;
        Tx tx;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            tx = new Tx(connection, transaction, grain, expectedVersion);
            try
            {
                result = await work(tx);
                await transaction.CommitAsync();
            }
            catch (PostgresException e) when (Translate(e, grain, expectedVersion) is { } translated)
            {
                throw translated;
            }
        }
        // Interleaving calls: a grain that is itself waiting on the writer cannot deadlock with it.
        await Task.WhenAll(tx.Touched.Where(g => g != grain).Select(g => g.RefreshAsync(grains)));
        return result;
    }

    public Task WriteAsync(AccountGrain grain, long expectedVersion, Func<Tx, Task> work) =>
        WriteAsync(grain, expectedVersion, async tx =>
        {
            await work(tx);
            return true;
        });

    /// <summary>The database's rule violations, as the errors the grains would have raised.</summary>
    public static Exception? Translate(PostgresException e, AccountGrain grain, long expectedVersion) => e.SqlState switch
    {
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure => new StaleStateException(grain.ToString(), expectedVersion),
        PostgresErrorCodes.UniqueViolation => e.ConstraintName switch
        {
            "teams_slug_unique" => new DomainException(ErrorCodes.SlugTaken, "That slug is already in use.", new Dictionary<string, object?> { ["field"] = "slug" }),
            "users_email_unique" or "auth_identities_email_unique" => new DomainException(ErrorCodes.EmailTaken, "That email is already registered."),
            "unique_team_user" => new DomainException(ErrorCodes.AlreadyMember, "Already a member of the team."),
            "users_pkey" => new StaleStateException(grain.ToString(), expectedVersion),
            _ => null,
        },
        PostgresErrorCodes.CheckViolation when e.ConstraintName is "users_credits_non_negative" or "teams_credits_non_negative" =>
            new DomainException(ErrorCodes.InsufficientCredits, "Credits never go below zero."),
        PostgresErrorCodes.RaiseException => e.MessageText switch
        {
            var m when m.Contains("(INV-T8)", StringComparison.Ordinal) => new DomainException(ErrorCodes.MembershipLimitReached, $"A user can belong to at most {AccountLimits.MaxMemberships} teams."),
            var m when m.Contains("(INV-T7)", StringComparison.Ordinal) => new DomainException(ErrorCodes.OwnedTeamLimitReached, $"A user can own at most {AccountLimits.MaxOwnedTeams} teams."),
            var m when m.Contains("(INV-T1)", StringComparison.Ordinal) || m.Contains("(INV-T2)", StringComparison.Ordinal) =>
                new DomainException(ErrorCodes.LastOwner, "The team must keep at least one owner while it has members."),
            var m when m.Contains("(ACTIVE_JOBS_EXIST)", StringComparison.Ordinal) =>
                new DomainException(ErrorCodes.ActiveJobsExist, "Jobs are still queued or processing; cancel them or let them finish first."),
            var m when m.Contains("(INV-M4)", StringComparison.Ordinal) => new DomainException(ErrorCodes.CreatorTierRequired, "Only creators can be team members."),
            "Cannot invite existing team member" => new DomainException(ErrorCodes.AlreadyMember, "That person is already a member of the team."),
            "Cannot invite yourself" => new DomainException(ErrorCodes.CannotTargetSelf, "You cannot invite yourself."),
            var m when m.StartsWith("Team has reached maximum pending invitations", StringComparison.Ordinal) =>
                new DomainException(ErrorCodes.PendingInvitationLimitReached, $"The team already has {AccountLimits.MaxActionableInvitationsPerTeam} pending invitations."),
            var m when m.Contains("API key", StringComparison.Ordinal) => new DomainException(ErrorCodes.OwnerNotAllowed, m),
            _ => null,
        },
        _ => null,
    };

    /// <summary>One account transaction in progress.</summary>
    public sealed class Tx(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountGrain grain, long expectedVersion)
    {
        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlTransaction Transaction { get; } = transaction;

        public HashSet<AccountGrain> Touched { get; } = [];

        /// <summary>Another grain's rows changed in this transaction: it is told once the transaction commits.</summary>
        public void Touch(AccountGrain other) => Touched.Add(other);

        public Task<int> ExecuteAsync(string sql, object? parameters = null) => Connection.ExecuteAsync(sql, parameters, Transaction);

        public Task<T> SingleAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleAsync<T>(sql, parameters, Transaction);

        public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleOrDefaultAsync<T>(sql, parameters, Transaction);

        public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) => Connection.QueryAsync<T>(sql, parameters, Transaction);

        public StaleStateException Conflict() => new(grain.ToString(), expectedVersion);

        /// <summary>The calling grain's root row: version + 1, conditional on the version its decision was based on.</summary>
        public async Task BumpUserAsync(Guid userId, long version)
        {
            if (await ExecuteAsync("UPDATE users SET version = version + 1 WHERE id = @userId AND version = @version", new { userId, version }) == 0)
            {
                throw Conflict();
            }
        }

        public async Task BumpTeamAsync(Guid teamId, long version)
        {
            if (await ExecuteAsync("UPDATE teams SET version = version + 1 WHERE id = @teamId AND version = @version", new { teamId, version }) == 0)
            {
                throw Conflict();
            }
        }

        /// <summary>Inserts a team and its owner membership (create_team, creator bootstrap).</summary>
        public async Task<(TeamRecord Team, MembershipRecord Membership)> InsertTeamWithOwnerAsync(NewTeam team, Guid ownerId)
        {
            var row = await SingleAsync<TeamRow>($"INSERT INTO teams (id, name, slug) VALUES (@Id, @Name, @Slug) RETURNING {TeamRow.Columns}", team);
            var membership = await SingleAsync<MembershipRow>(
                $"INSERT INTO memberships (id, team_id, user_id, role) VALUES (@id, @teamId, @ownerId, 'owner') RETURNING {MembershipRow.Columns}",
                new { id = Guid.NewGuid(), teamId = team.Id, ownerId });
            return (row.ToRecord(), membership.ToRecord());
        }

        /// <summary>The creator bootstrap bundle (spec 01 §1.2): tier first, then "My Team", the owner membership and the welcome project.</summary>
        public async Task<(TeamRecord Team, MembershipRecord Membership)> UpgradeToCreatorAsync(Guid userId, NewTeam team)
        {
            await ExecuteAsync("UPDATE users SET tier = 'creator', upgraded_at = now() WHERE id = @userId AND tier = 'starter'", new { userId });
            var created = await InsertTeamWithOwnerAsync(team, userId);
            await ExecuteAsync("""
                INSERT INTO projects (id, team_id, created_by, name, status, spec)
                VALUES (@id, @teamId, @userId, @name, 'draft', @spec::jsonb)
                """, new { id = Guid.NewGuid(), teamId = team.Id, userId, name = WelcomeStoryboard.ProjectName, spec = WelcomeStoryboard.Json });
            return created;
        }
    }

    /// <summary>Queued or processing jobs under these teams' URNs (team or membership form). No jobs table yet → none.</summary>
    public static async Task<bool> HasActiveJobsAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> teamIds, NpgsqlTransaction? transaction = null)
    {
        if (teamIds.Count == 0 || !await connection.QuerySingleAsync<bool>("SELECT to_regclass('public.jobs') IS NOT NULL", transaction: transaction))
        {
            return false;
        }
        var patterns = teamIds.SelectMany(t => new[] { $"framecast:team:{t:D}", $"framecast:{t:D}:%" }).ToArray();
        return await connection.QuerySingleAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM jobs WHERE status IN ('queued', 'processing') AND owner LIKE ANY (@patterns))",
            new { patterns }, transaction);
    }
}
