using Framecast.Grains.Abstractions.Accounts;

namespace Framecast.Api.Auth;

/// <summary>The API-key scope catalog (spec 05 §4). Scopes are independent grants: none implies another.</summary>
public static class Scopes
{
    public const string Generate = "generate";
    public const string JobsRead = "jobs:read";
    public const string JobsWrite = "jobs:write";
    public const string AssetsRead = "assets:read";
    public const string AssetsWrite = "assets:write";
    public const string ProjectsRead = "projects:read";
    public const string ProjectsWrite = "projects:write";
    public const string TeamRead = "team:read";
    public const string TeamAdmin = "team:admin";
    public const string WebhooksRead = "webhooks:read";
    public const string WebhooksWrite = "webhooks:write";
    public const string All = "*";

    public static IReadOnlySet<string> Catalog { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Generate, JobsRead, JobsWrite, AssetsRead, AssetsWrite, ProjectsRead, ProjectsWrite, TeamRead, TeamAdmin, WebhooksRead, WebhooksWrite, All,
    };

    /// <summary>Spec 05 §4.2: starters hold only these (plus <c>*</c>, which reaches only what the tier allows anyway).</summary>
    public static IReadOnlySet<string> Starter { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Generate, JobsRead, JobsWrite, AssetsRead, AssetsWrite, All,
    };

    public static bool IsKnown(string scope) => Catalog.Contains(scope);

    public static bool AllowedFor(UserTier tier, string scope) => tier == UserTier.Creator ? Catalog.Contains(scope) : Starter.Contains(scope);
}
