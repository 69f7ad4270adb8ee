namespace Framecast.Grains.Storyboards;

/// <summary>
/// The constants of the credit formula in <c>spec/pricing.md</c>. The host binds them from
/// <c>PRICING_CREDITS_PER_SECOND</c>, <c>PRICING_CREDITS_PER_DIALOGUE_LINE</c>,
/// <c>PRICING_GENERATION_OVERHEAD_SECONDS</c> and <c>PRICING_GENERATION_SECONDS_PER_VIDEO_SECOND</c>.
/// </summary>
public sealed record PricingOptions
{
    /// <summary>Credits per second of generated scene, rounded up per scene.</summary>
    public decimal CreditsPerSecond { get; init; } = 1m;

    /// <summary>Credits per dialogue line: each line costs a voice synthesis and a lip-sync pass.</summary>
    public int CreditsPerDialogueLine { get; init; } = 1;

    /// <summary>Fixed wall-clock cost of a job: worker start, model load, stitching, upload.</summary>
    public decimal GenerationOverheadSeconds { get; init; } = 30m;

    /// <summary>Wall-clock seconds of generation per second of scene.</summary>
    public decimal GenerationSecondsPerVideoSecond { get; init; } = 20m;
}
