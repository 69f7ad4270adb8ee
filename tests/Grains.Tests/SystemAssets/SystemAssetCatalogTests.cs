using Framecast.Grains.SystemAssets;

namespace Framecast.Grains.Tests.SystemAssets;

public class SystemAssetCatalogTests
{
    private static readonly SystemAssetCatalog Catalog = SpecCatalog.Instance;

    public static TheoryData<string> CatalogIds() => [.. SpecCatalog.Instance.All.Select(a => a.Id)];

    [Fact]
    public void Catalog_has_the_42_entries_of_spec_08_by_category()
    {
        Assert.Equal(42, Catalog.All.Count);
        Assert.Equal(
            [("ambient", 11), ("music", 10), ("sfx", 15), ("transition", 6)],
            Catalog.All.GroupBy(a => a.Category).Select(g => (g.Key, g.Count())));
    }

    [Theory]
    [MemberData(nameof(CatalogIds))]
    public void Every_entry_resolves_by_id_and_by_urn(string id)
    {
        var asset = Catalog.FindById(id);

        Assert.NotNull(asset);
        Assert.Equal($"framecast:system:{asset.Category}:{asset.Name}", asset.Urn);
        Assert.Same(asset, Catalog.FindByUrn(asset.Urn));
        Assert.InRange(asset.Description.Length, 1, 500);
        Assert.NotEmpty(asset.Tags);
        Assert.True(asset.DurationSeconds > 0);
    }

    [Fact]
    public void Entry_keeps_the_catalog_metadata()
    {
        var asset = Catalog.FindById("asset_sfx_door_open")!;

        Assert.Equal(("sfx", "door_open", 0.7m), (asset.Category, asset.Name, asset.DurationSeconds));
        Assert.Equal(["interaction", "environment", "creak", "object"], asset.Tags);
    }

    [Fact]
    public void Listing_by_category_is_sorted_by_name()
    {
        var transitions = Catalog.ListByCategory(SystemAssetCategories.Transition).Select(a => a.Name);

        Assert.Equal(["boom", "fade", "glitch", "reverse", "rise", "swoosh"], transitions);
    }

    [Theory]
    [InlineData("asset_sfx_whoosh_1")]
    [InlineData("asset_voice_hello")]
    [InlineData("ASSET_SFX_WHOOSH")]
    public void Unknown_or_malformed_id_is_not_found(string id)
    {
        Assert.Null(Catalog.FindById(id));
    }

    [Theory]
    [InlineData("framecast:system:sfx:nope")]
    [InlineData("framecast:system:voice:whoosh")]
    [InlineData("framecast:user:sfx:whoosh")]
    public void Unknown_or_malformed_urn_is_not_found(string urn)
    {
        Assert.Null(Catalog.FindByUrn(urn));
    }

    [Fact]
    public void Category_is_the_first_token_after_the_prefix()
    {
        Assert.True(SystemAssetId.TryParse("asset_sfx_door_open", out var category, out var name));
        Assert.Equal(("sfx", "door_open"), (category, name));
        Assert.Equal("framecast:system:sfx:door_open", SystemAssetId.ToUrn("asset_sfx_door_open"));
    }

    [Fact]
    public void Catalog_refuses_an_entry_whose_id_disagrees_with_its_name()
    {
        var bad = new SystemAsset("asset_sfx_pop", "sfx", "bang", "d", 1, [], "assets/sfx/asset_sfx_pop.wav", "audio/wav", 32_044, DateTimeOffset.UnixEpoch);

        Assert.Throws<ArgumentException>(() => new SystemAssetCatalog([bad]));
    }
}
