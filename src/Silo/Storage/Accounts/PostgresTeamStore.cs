using Dapper;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Teams;
using Framecast.Grains.Users;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Storage.Accounts;

/// <summary>The team grain's rows: <c>teams</c> (root, versioned), its memberships and invitations, and the
/// outbound emails its invitations produce.</summary>
public sealed class PostgresTeamStore(AccountsDb db, ILogger<PostgresTeamStore> logger) : ITeamStore
{
    private const string Actionable = "accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL AND expires_at > now()";

    public Task<TeamSnapshot?> LoadAsync(Guid teamId) => db.QueryAsync(async connection =>
    {
        var team = await connection.QuerySingleOrDefaultAsync<TeamRow>($"SELECT {TeamRow.Columns} FROM teams WHERE id = @teamId", new { teamId });
        if (team is null)
        {
            return null;
        }
        var members = await connection.QueryAsync<MembershipRow>(
            $"SELECT {MembershipRow.Columns} FROM memberships WHERE team_id = @teamId ORDER BY created_at, id", new { teamId });
        return new TeamSnapshot(team.ToRecord(), team.Version, members.Select(m => m.ToRecord()).ToList());
    });

    private sealed class FactsRow
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string Tier { get; set; } = "";
        public int MembershipCount { get; set; }
        public int OwnedTeamCount { get; set; }
    }

    public Task<UserFacts?> GetUserFactsAsync(Guid userId) => db.QueryAsync(async connection =>
    {
        var row = await connection.QuerySingleOrDefaultAsync<FactsRow>("""
            SELECT u.id AS Id, u.email AS Email, u.tier::text AS Tier,
                   (SELECT count(*) FROM memberships m WHERE m.user_id = u.id)::int AS MembershipCount,
                   (SELECT count(*) FROM memberships m WHERE m.user_id = u.id AND m.role = 'owner')::int AS OwnedTeamCount
            FROM users u WHERE u.id = @userId
            """, new { userId });
        return row is null ? null : new UserFacts(row.Id, row.Email, Rows.Enum<UserTier>(row.Tier), row.MembershipCount, row.OwnedTeamCount);
    });

    public Task<Guid?> FindUserIdByEmailAsync(string email) =>
        db.QueryAsync(connection => connection.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM users WHERE email = @email", new { email }));

    public Task UpdateAsync(Guid teamId, long expectedVersion, string name, string settingsJson) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            await tx.ExecuteAsync("UPDATE teams SET name = @name, settings = @settingsJson::jsonb WHERE id = @teamId", new { teamId, name, settingsJson });
        });

    public Task<bool> HasActiveJobsAsync(Guid teamId) => db.QueryAsync(connection => AccountsDb.HasActiveJobsAsync(connection, [teamId]));

    public Task DeleteAsync(Guid teamId, long expectedVersion) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            await TouchMembersAsync(tx, teamId);
            await tx.ExecuteAsync("DELETE FROM teams WHERE id = @teamId", new { teamId });
        });

    private sealed class MemberRow
    {
        public Guid Id { get; set; }
        public Guid TeamId { get; set; }
        public Guid UserId { get; set; }
        public string Role { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public string Email { get; set; } = "";
        public string? Name { get; set; }
        public string? AvatarUrl { get; set; }
    }

    public Task<IReadOnlyList<MemberView>> ListMembersAsync(Guid teamId) => db.QueryAsync(async connection =>
    {
        var rows = await connection.QueryAsync<MemberRow>("""
            SELECT m.id AS Id, m.team_id AS TeamId, m.user_id AS UserId, m.role::text AS Role, m.created_at AS CreatedAt,
                   u.email AS Email, u.name AS Name, u.avatar_url AS AvatarUrl
            FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = @teamId
            """, new { teamId });
        return (IReadOnlyList<MemberView>)rows.Select(r => new MemberView(r.Id, r.TeamId, r.UserId, Rows.Enum<TeamRole>(r.Role), Rows.Utc(r.CreatedAt),
            new MemberUser(r.UserId, r.Email, r.Name, r.AvatarUrl))).ToList();
    });

    public Task ChangeRoleAsync(Guid teamId, long expectedVersion, Guid userId, TeamRole role) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            // The target's owned-teams count changes; the membership trigger holds INV-T7 against its own grain's race.
            tx.Touch(AccountGrain.User(userId));
            await tx.ExecuteAsync("UPDATE memberships SET role = @role::membership_role WHERE team_id = @teamId AND user_id = @userId",
                new { teamId, userId, role = Rows.Name(role) });
        });

    public Task RemoveMemberAsync(Guid teamId, long expectedVersion, Guid userId) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            tx.Touch(AccountGrain.User(userId));
            await tx.ExecuteAsync("DELETE FROM memberships WHERE team_id = @teamId AND user_id = @userId", new { teamId, userId });
        });

    public Task LeaveAsync(Guid teamId, long expectedVersion, Guid userId, bool deleteTeam) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            tx.Touch(AccountGrain.User(userId));
            if (deleteTeam)
            {
                await tx.ExecuteAsync("DELETE FROM teams WHERE id = @teamId", new { teamId });
            }
            else
            {
                await tx.ExecuteAsync("DELETE FROM memberships WHERE team_id = @teamId AND user_id = @userId", new { teamId, userId });
            }
        });

    public Task<IReadOnlyList<InvitationRecord>> ListInvitationsAsync(Guid teamId) => db.QueryAsync(async connection =>
    {
        var rows = await connection.QueryAsync<InvitationRow>(
            $"SELECT {InvitationRow.Columns} FROM invitations WHERE team_id = @teamId ORDER BY created_at DESC, id DESC", new { teamId });
        return (IReadOnlyList<InvitationRecord>)rows.Select(r => r.ToRecord()).ToList();
    });

    public Task<InvitationRecord?> GetInvitationAsync(Guid invitationId) => db.QueryAsync(async connection =>
        (await connection.QuerySingleOrDefaultAsync<InvitationRow>($"SELECT {InvitationRow.Columns} FROM invitations WHERE id = @invitationId", new { invitationId }))?.ToRecord());

    private sealed class CountsRow
    {
        public int Actionable { get; set; }
        public int CreatedToday { get; set; }
    }

    public Task<InvitationCounts> CountInvitationsAsync(Guid teamId, DateTimeOffset dayStartUtc, DateTimeOffset now) => db.QueryAsync(async connection =>
    {
        var row = await connection.QuerySingleAsync<CountsRow>($"""
            SELECT (count(*) FILTER (WHERE {Actionable}))::int AS Actionable,
                   (count(*) FILTER (WHERE created_at >= @dayStart))::int AS CreatedToday
            FROM invitations WHERE team_id = @teamId
            """, new { teamId, dayStart = dayStartUtc.UtcDateTime });
        return new InvitationCounts(row.Actionable, row.CreatedToday);
    });

    public Task<InvitationRecord?> FindActionableInvitationAsync(Guid teamId, string email, DateTimeOffset now) => db.QueryAsync(async connection =>
        (await connection.QueryFirstOrDefaultAsync<InvitationRow>(
            $"SELECT {InvitationRow.Columns} FROM invitations WHERE team_id = @teamId AND email = @email AND {Actionable} ORDER BY created_at DESC LIMIT 1",
            new { teamId, email }))?.ToRecord());

    public async Task InsertInvitationAsync(Guid teamId, long expectedVersion, InvitationRecord invitation, Guid? replacing, OutboundEmail email)
    {
        await db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            if (replacing is { } previous)
            {
                await tx.ExecuteAsync($"UPDATE invitations SET revoked_at = now() WHERE id = @previous AND {Actionable}", new { previous });
            }
            await tx.ExecuteAsync("""
                INSERT INTO invitations (id, team_id, invited_by, email, role, token, expires_at, created_at)
                VALUES (@Id, @TeamId, @InvitedBy, @Email, @role::invitation_role, @Token, @expiresAt, @createdAt)
                """, new
            {
                invitation.Id,
                invitation.TeamId,
                invitation.InvitedBy,
                invitation.Email,
                role = Rows.Name(invitation.Role),
                invitation.Token,
                expiresAt = invitation.ExpiresAt.UtcDateTime,
                createdAt = invitation.CreatedAt.UtcDateTime,
            });
            await RecordEmailAsync(tx, email, invitation);
        });
        LogEmail(email);
    }

    public Task RevokeInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            await RequireActionableUpdateAsync(tx, $"UPDATE invitations SET revoked_at = now() WHERE id = @invitationId AND team_id = @teamId AND {Actionable}", new { invitationId, teamId });
        });

    public async Task<InvitationRecord> ResendInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId, DateTimeOffset expiresAt, OutboundEmail email)
    {
        var invitation = await db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            var row = await tx.SingleOrDefaultAsync<InvitationRow>(
                $"UPDATE invitations SET expires_at = @expiresAt WHERE id = @invitationId AND team_id = @teamId AND {Actionable} RETURNING {InvitationRow.Columns}",
                new { invitationId, teamId, expiresAt = expiresAt.UtcDateTime }) ?? throw NotActionable();
            await RecordEmailAsync(tx, email, row.ToRecord());
            return row.ToRecord();
        });
        LogEmail(email);
        return invitation;
    }

    public Task DeclineInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            await RequireActionableUpdateAsync(tx, $"UPDATE invitations SET declined_at = now() WHERE id = @invitationId AND team_id = @teamId AND {Actionable}", new { invitationId, teamId });
        });

    public Task<MembershipRecord> AcceptInvitationAsync(Guid teamId, long expectedVersion, Guid invitationId, Guid userId, TeamRole role) =>
        db.WriteAsync(AccountGrain.Team(teamId), expectedVersion, async tx =>
        {
            await tx.BumpTeamAsync(teamId, expectedVersion);
            tx.Touch(AccountGrain.User(userId));
            await RequireActionableUpdateAsync(tx, $"UPDATE invitations SET accepted_at = now() WHERE id = @invitationId AND team_id = @teamId AND {Actionable}", new { invitationId, teamId });
            var membership = await tx.SingleAsync<MembershipRow>(
                $"INSERT INTO memberships (id, team_id, user_id, role) VALUES (@id, @teamId, @userId, @role::membership_role) RETURNING {MembershipRow.Columns}",
                new { id = Guid.NewGuid(), teamId, userId, role = Rows.Name(role) });
            return membership.ToRecord();
        });

    private static DomainException NotActionable() =>
        new(ErrorCodes.InvitationNotActionable, "The invitation is no longer pending; it can no longer be used.");

    private static async Task RequireActionableUpdateAsync(AccountsDb.Tx tx, string sql, object parameters)
    {
        if (await tx.ExecuteAsync(sql, parameters) == 0)
        {
            throw NotActionable();
        }
    }

    private static async Task TouchMembersAsync(AccountsDb.Tx tx, Guid teamId)
    {
        foreach (var userId in await tx.QueryAsync<Guid>("SELECT user_id FROM memberships WHERE team_id = @teamId", new { teamId }))
        {
            tx.Touch(AccountGrain.User(userId));
        }
    }

    private static Task RecordEmailAsync(AccountsDb.Tx tx, OutboundEmail email, InvitationRecord invitation) => tx.ExecuteAsync("""
        INSERT INTO outbound_emails (kind, to_email, subject, body, invitation_id, team_id)
        VALUES (@Kind, @To, @Subject, @Body, @invitationId, @teamId)
        """, new { email.Kind, email.To, email.Subject, email.Body, invitationId = invitation.Id, teamId = invitation.TeamId });

    private void LogEmail(OutboundEmail email) =>
        logger.LogInformation("Email not sent (no mail service); recorded in outbound_emails: {Kind} to {To}: {Subject}\n{Body}",
            email.Kind, email.To, email.Subject, email.Body);
}
