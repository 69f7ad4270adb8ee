namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>A user's tier (spec 01 §1). Creator is absorbing.</summary>
public enum UserTier
{
    Starter,
    Creator,
}

/// <summary>A membership role, highest first (spec 01 §3.3). Invitations carry every role but Owner.</summary>
public enum TeamRole
{
    Owner,
    Admin,
    Member,
    Viewer,
}

/// <summary>An invitation's state, derived from its timestamps (spec 02 §4).</summary>
public enum InvitationState
{
    Pending,
    Accepted,
    Declined,
    Expired,
    Revoked,
}
