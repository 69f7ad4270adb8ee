using System.Text.Json;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>A job someone wants: by an API call (generate, clone, render) or an automation firing.</summary>
public sealed record JobRequest(
    OwnerUrn Owner,
    Guid TriggeredBy,
    JsonElement Spec,
    JsonElement Options,
    Guid? ProjectId = null,
    string? IdempotencyKey = null,
    JobPriority Priority = JobPriority.Normal,
    Guid? SourceJobId = null);
