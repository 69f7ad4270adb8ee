using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Framecast.Bench.Setup;

/// <summary>
/// Mints the JWTs an external provider would (DESIGN §4): HS256 over <c>JWT_SECRET</c>, <c>sub</c> = user id,
/// <c>email</c>, <c>aud</c> = authenticated. The API provisions an unknown user on the first valid token.
/// </summary>
public sealed class JwtMinter(string secret, string? issuer)
{
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public string Mint(Guid userId, string email, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = userId.ToString("D"),
            ["email"] = email,
            ["aud"] = "authenticated",
            ["role"] = "authenticated",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        };
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }
        var unsigned = $"{Header}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        return $"{unsigned}.{Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(unsigned)))}";
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
