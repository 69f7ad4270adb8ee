namespace Framecast.Grains.Storyboards;

/// <summary>
/// The estimate response (spec 06 §5). <see cref="EstimatedCredits"/> is what a job for the spec is charged, and is
/// always the sum of <see cref="Scenes"/>' credits.
/// </summary>
public sealed record StoryboardEstimate(
    decimal EstimatedDurationSeconds,
    int EstimatedCredits,
    int EstimatedGenerationTimeSeconds,
    IReadOnlyList<SceneEstimate> Scenes,
    IReadOnlyList<EstimateWarning> Warnings);
