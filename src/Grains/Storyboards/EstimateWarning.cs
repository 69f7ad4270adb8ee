namespace Framecast.Grains.Storyboards;

/// <summary>A warning of the estimate response (spec 06 §5), e.g. a balance below the estimate.</summary>
public sealed record EstimateWarning(string Message);
