using System.Security.Cryptography;
using System.Text;

namespace Framecast.Grains.Accounts;

/// <summary>
/// Raw API keys <c>sk_live_XXXXXXXX_YYYY…</c> (8 + 28 base62 chars, spec 01 §3.5). Only the hex SHA-256 of the
/// raw key is stored (unique, so a key is found by its hash); <c>key_prefix</c> is its first 12 characters.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "sk_live_";
    public const int RawLength = 45;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate() =>
        $"{Prefix}{RandomNumberGenerator.GetString(Alphabet, 8)}_{RandomNumberGenerator.GetString(Alphabet, 28)}";

    public static string PrefixOf(string rawKey) => rawKey[..12];

    public static string Hash(string rawKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));

    public static bool LooksLikeKey(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);
}
