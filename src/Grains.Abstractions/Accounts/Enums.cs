namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>A user's tier (spec 01 §1). Creator is absorbing.</summary>
[GenerateSerializer, Alias("framecast.UserTier")]
public enum UserTier
{
    Starter,
    Creator,
}

/// <summary>A membership role, highest first (spec 01 §3.3). Invitations carry every role but Owner.</summary>
[GenerateSerializer, Alias("framecast.TeamRole")]
public enum TeamRole
{
    Owner,
    Admin,
    Member,
    Viewer,
}

/// <summary>An invitation's state, derived from its timestamps (spec 02 §4).</summary>
[GenerateSerializer, Alias("framecast.InvitationState")]
public enum InvitationState
{
    Pending,
    Accepted,
    Declined,
    Expired,
    Revoked,
}
