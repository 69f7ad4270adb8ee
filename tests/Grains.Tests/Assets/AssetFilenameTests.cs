using Framecast.Grains.Abstractions.Assets;

namespace Framecast.Grains.Tests.Assets;

public sealed class AssetFilenameTests
{
    [Theory]
    [InlineData("song.mp3")]
    [InlineData("Café au lait (final).png")]
    [InlineData("😀 face.webp")]
    [InlineData(".hidden.wav")]
    public void Ordinary_names_are_accepted(string name) => Assert.Null(AssetFilename.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData("../x.png")]
    [InlineData("a/b.png")]
    [InlineData("a\\b.png")]
    [InlineData("x..png")]
    [InlineData("..")]
    [InlineData("   ")]
    [InlineData("nul\0.png")]
    [InlineData("tab\t.png")]
    [InlineData("del\u007f.png")]
    [InlineData("c1\u0085.png")]
    public void Unsafe_names_are_refused(string name) => Assert.NotNull(AssetFilename.Problem(name));

    [Fact]
    public void Lone_surrogates_are_refused_and_a_proper_pair_is_not()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate (they are stored as UTF-8).
        string[] lone = ["lone" + '\ud800' + ".png", "lone" + '\udc00' + ".png", "reversed" + '\udc00' + '\ud800' + ".png", "end" + '\ud83d'];

        Assert.All(lone, name => Assert.NotNull(AssetFilename.Problem(name)));
        Assert.Null(AssetFilename.Problem("pair" + '\ud83d' + '\ude00' + ".png"));
    }

    [Fact]
    public void Names_longer_than_255_characters_are_refused()
    {
        Assert.Null(AssetFilename.Problem(new string('a', 251) + ".png"));
        Assert.NotNull(AssetFilename.Problem(new string('a', 252) + ".png"));
    }

    [Theory]
    [InlineData("song.mp3", "song.mp3")]
    [InlineData("my song?&=.mp3", "my_song___.mp3")]
    [InlineData("Café.png", "Café.png")]
    [InlineData("😀.png", "_.png")]
    public void The_key_name_keeps_letters_digits_dots_dashes_and_underscores(string name, string key) =>
        Assert.Equal(key, AssetFilename.ForKey(name));
}
