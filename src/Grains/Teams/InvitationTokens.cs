using System.Security.Cryptography;

namespace Framecast.Grains.Teams;

/// <summary>Invitation tokens: 32 random bytes, URL-safe base64 without padding (43 chars).</summary>
public static class InvitationTokens
{
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
