namespace Framecast.Grains.Storyboards;

/// <summary>One row of the estimate's per-scene breakdown (spec 06 §5).</summary>
public sealed record SceneEstimate(string Id, decimal Duration, int Credits);
