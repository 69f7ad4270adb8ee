using System.Buffers.Binary;
using Framecast.Grains.SystemAssets;
using Framecast.Silo.SystemAssets;

namespace Framecast.Silo.Tests.SystemAssets;

public sealed class PreviewSynthesizerTests
{
    private static SystemAsset Asset(string id, decimal seconds)
    {
        SystemAssetId.TryParse(id, out var category, out var name);
        return new SystemAsset(id, category, name, "d", seconds, [], $"assets/{category}/{id}.wav", PreviewSynthesizer.ContentType,
            44 + 2 * (long)(seconds * 16_000), DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void The_same_entry_gives_the_same_bytes_and_different_entries_different_sounds()
    {
        var ids = new[] { "asset_sfx_whoosh", "asset_sfx_pop", "asset_ambient_crowd", "asset_music_tense", "asset_transition_rise", "asset_transition_boom" };

        var previews = ids.Select(id => PreviewSynthesizer.Synthesize(Asset(id, 1.0m))).ToList();

        Assert.Equal(previews[0], PreviewSynthesizer.Synthesize(Asset(ids[0], 1.0m)));
        Assert.Equal(ids.Length, previews.Select(Convert.ToBase64String).Distinct().Count());
    }

    [Theory]
    [InlineData("asset_sfx_pop", 0.25)]
    [InlineData("asset_ambient_ocean", 5.7)]
    [InlineData("asset_music_corporate", 19.0)]
    [InlineData("asset_transition_fade", 1.0)]
    public void A_preview_is_audible_and_exactly_as_long_as_the_entry(string id, double seconds)
    {
        var asset = Asset(id, (decimal)seconds);

        var wav = PreviewSynthesizer.Synthesize(asset);

        Assert.Equal(asset.SizeBytes, wav.Length);
        Assert.Equal(wav.Length - 44, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)));
        Assert.Equal(16_000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        var peak = Enumerable.Range(0, (wav.Length - 44) / 2).Max(i => Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + 2 * i))));
        Assert.InRange(peak, 3_000, short.MaxValue);
    }

    [Fact]
    public void An_entry_that_is_not_a_wav_with_a_duration_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PreviewSynthesizer.Synthesize(Asset("asset_sfx_pop", 1m) with { ContentType = "audio/mpeg" }));
        Assert.Throws<ArgumentException>(() => PreviewSynthesizer.Synthesize(Asset("asset_sfx_pop", 1m) with { DurationSeconds = null }));
    }
}
