namespace Framecast.Grains.Abstractions.Projects;

/// <summary>A project as stored; <see cref="SpecJson"/> is the storyboard as JSON text, or null before one is set.
/// <see cref="LatestJobId"/> is the project's newest job, whose status the API reads from that job's grain.</summary>
[GenerateSerializer, Immutable, Alias("framecast.ProjectRecord")]
public sealed record ProjectRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid TeamId,
    [property: Id(2)] Guid CreatedBy,
    [property: Id(3)] string? Name,
    [property: Id(4)] ProjectStatus Status,
    [property: Id(5)] string? SpecJson,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] Guid? LatestJobId);
