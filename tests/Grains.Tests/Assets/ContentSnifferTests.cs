using System.Text;
using Framecast.Grains.Assets;

namespace Framecast.Grains.Tests.Assets;

public sealed class ContentSnifferTests
{
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p switch
        {
            string text => Encoding.ASCII.GetBytes(text),
            int b => [(byte)b],
            byte[] raw => raw,
            _ => throw new ArgumentException("bytes or text"),
        })];

    public static TheoryData<string, byte[]> Signatures => new()
    {
        { "image/png", Bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, "IHDR") },
        { "image/jpeg", Bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, "JFIF", 0) },
        { "image/webp", Bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 ") },
        { "audio/wav", Bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt ") },
        { "audio/mpeg", Bytes("ID3", 4, 0, 0, 0, 0, 0, 0) },
        { "audio/mpeg", Bytes(0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0) },
        { "audio/ogg", Bytes("OggS", 0, 2, 0, 0, 0, 0) },
        { "video/mp4", Bytes(0, 0, 0, 0x20, "ftypisom", 0, 0, 2, 0) },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Each_allowed_type_is_recognised_by_its_magic_bytes(string contentType, byte[] head)
    {
        Assert.Equal(contentType, ContentSniffer.Detect(head));
        Assert.True(ContentSniffer.Matches(contentType, head));
    }

    [Fact]
    public void Bytes_of_one_type_do_not_match_another_declared_type()
    {
        var png = Bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A);

        Assert.False(ContentSniffer.Matches("image/jpeg", png));
        Assert.False(ContentSniffer.Matches("audio/wav", png));
    }

    [Fact]
    public void A_riff_container_is_told_apart_by_its_form_type()
    {
        Assert.False(ContentSniffer.Matches("audio/wav", Bytes("RIFF", 0, 0, 0, 0, "WEBP")));
        Assert.Null(ContentSniffer.Detect(Bytes("RIFF", 0, 0, 0, 0, "AVI ")));
    }

    [Theory]
    [InlineData("plain text, not media")]
    [InlineData("")]
    [InlineData("<svg xmlns=")]
    public void Text_and_empty_content_match_no_type(string text)
    {
        Assert.Null(ContentSniffer.Detect(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Truncated_signatures_match_nothing()
    {
        Assert.Null(ContentSniffer.Detect(Bytes(0x89, "PN")));
        Assert.Null(ContentSniffer.Detect(Bytes("RIFF", 0, 0)));
        Assert.Null(ContentSniffer.Detect(Bytes(0xFF, 0xD8)));
    }

    [Theory]
    [InlineData(0xFF, 0xEB, 0x90)] // MPEG version bits 01: reserved
    [InlineData(0xFF, 0xF9, 0x90)] // layer bits 00: reserved
    [InlineData(0xFF, 0xFB, 0xF0)] // bitrate index 1111: invalid
    public void A_frame_sync_with_reserved_header_fields_is_not_mpeg_audio(int b0, int b1, int b2)
    {
        Assert.Null(ContentSniffer.Detect(Bytes(b0, b1, b2, 0)));
    }
}
