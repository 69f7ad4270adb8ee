using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Framecast.Grains.Storyboards;

/// <summary>The constants of the credit formula in <c>spec/pricing.md</c> (PRICING_* environment variables).</summary>
public sealed class PricingOptions
{
    /// <summary>Credits per second of generated scene, rounded up per scene.</summary>
    [ConfigurationKeyName("PRICING_CREDITS_PER_SECOND"), Range(typeof(decimal), "0", "1000000", ErrorMessage = "PRICING_CREDITS_PER_SECOND must be between 0 and 1000000.")]
    public decimal CreditsPerSecond { get; set; } = 1m;

    /// <summary>Credits per dialogue line: each line costs a voice synthesis and a lip-sync pass.</summary>
    [ConfigurationKeyName("PRICING_CREDITS_PER_DIALOGUE_LINE"), Range(0, 1_000_000, ErrorMessage = "PRICING_CREDITS_PER_DIALOGUE_LINE must be between 0 and 1000000.")]
    public int CreditsPerDialogueLine { get; set; } = 1;

    /// <summary>Fixed wall-clock cost of a job: worker start, model load, stitching, upload.</summary>
    [ConfigurationKeyName("PRICING_GENERATION_OVERHEAD_SECONDS"), Range(typeof(decimal), "0", "100000", ErrorMessage = "PRICING_GENERATION_OVERHEAD_SECONDS must be between 0 and 100000.")]
    public decimal GenerationOverheadSeconds { get; set; } = 30m;

    /// <summary>Wall-clock seconds of generation per second of scene.</summary>
    [ConfigurationKeyName("PRICING_GENERATION_SECONDS_PER_VIDEO_SECOND"), Range(typeof(decimal), "0", "100000", ErrorMessage = "PRICING_GENERATION_SECONDS_PER_VIDEO_SECOND must be between 0 and 100000.")]
    public decimal GenerationSecondsPerVideoSecond { get; set; } = 20m;
}
