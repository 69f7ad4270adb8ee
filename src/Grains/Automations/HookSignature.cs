using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Framecast.Grains.Automations;

/// <summary>
/// The inbound hook's signature: <c>X-Framecast-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>,
/// keyed by the UTF-8 bytes of the automation's secret. Compared in constant time; a timestamp more than
/// <see cref="Tolerance"/> away from now is refused, so a captured request is only replayable inside that window —
/// and the grain refuses a signature it already accepted.
/// </summary>
public static class HookSignature
{
    public const string Header = "X-Framecast-Signature";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary><c>whsec_</c> + 32 random bytes in base64url: recognisable as a secret, and safe in any header.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string HeaderValue(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Sign(secret, timestamp, body)}";

    /// <summary>The accepted signature (lowercase hex) when the header is well-formed, fresh and right; else why not.</summary>
    public static (string? Signature, string? Problem) Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 512)
        {
            return (null, $"The {Header} header is missing.");
        }
        long? timestamp = null;
        string? given = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 67)
            {
                given = part[3..].ToLowerInvariant();
            }
        }
        if (timestamp is not { } seconds || given is null || !given.All(Uri.IsHexDigit))
        {
            return (null, $"The {Header} header must be t=<unix seconds>,v1=<64 hex characters>.");
        }
        if (seconds > now.ToUnixTimeSeconds() + (long)Tolerance.TotalSeconds || seconds < now.ToUnixTimeSeconds() - (long)Tolerance.TotalSeconds)
        {
            return (null, "The signature's timestamp is more than 5 minutes away from now.");
        }
        var expected = Sign(secret, seconds, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given))
            ? (expected, null)
            : (null, "The signature does not match the body.");
    }
}
