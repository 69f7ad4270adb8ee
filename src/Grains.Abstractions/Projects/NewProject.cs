namespace Framecast.Grains.Abstractions.Projects;

/// <summary>create_project's input, already checked for shape by the API: the name's length, the spec as a JSON object.</summary>
[GenerateSerializer, Immutable, Alias("framecast.NewProject")]
public sealed record NewProject(
    [property: Id(0)] Guid TeamId,
    [property: Id(1)] Guid CreatedBy,
    [property: Id(2)] string Name,
    [property: Id(3)] string? SpecJson);
