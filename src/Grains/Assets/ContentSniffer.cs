namespace Framecast.Grains.Assets;

/// <summary>
/// The media type an upload's first bytes show, by their magic numbers: what confirm compares with the declared
/// content type, so an upload is judged by its bytes rather than by the Content-Type its uploader sent.
/// </summary>
public static class ContentSniffer
{
    /// <summary>Enough of the object's start for every signature below.</summary>
    public const int HeadLength = 16;

    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>One of the allowed content types, or null when the bytes match none of them.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Png))
            return "image/png";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            return "image/jpeg";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var form = head[8..12];
            if (form.SequenceEqual("WEBP"u8))
                return "image/webp";
            if (form.SequenceEqual("WAVE"u8))
                return "audio/wav";
            return null;
        }
        if (head.StartsWith("OggS"u8))
            return "audio/ogg";
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
            return "video/mp4";
        if (head.StartsWith("ID3"u8) || IsMpegAudioFrame(head))
            return "audio/mpeg";
        return null;
    }

    public static bool Matches(string declaredContentType, ReadOnlySpan<byte> head) => Detect(head) == declaredContentType;

    // An MPEG audio frame header: 11 sync bits, then a version, layer and bitrate that are not the reserved or "bad" values.
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head)
    {
        if (head.Length < 3 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0)
            return false;
        var version = (head[1] >> 3) & 0b11;
        var layer = (head[1] >> 1) & 0b11;
        var bitrate = head[2] >> 4;
        return version != 0b01 && layer != 0b00 && bitrate != 0b1111;
    }
}
