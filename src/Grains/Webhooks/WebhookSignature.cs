using System.Security.Cryptography;
using System.Text;

namespace Framecast.Grains.Webhooks;

/// <summary>
/// The two signatures every attempt carries, over the exact body bytes, with one key: the UTF-8 bytes of the
/// secret as the user holds it (64 lowercase hex characters, spec 06 §10).
/// <list type="bullet">
/// <item>the spec's: <c>X-Webhook-Signature: sha256=hex(HMAC(key, "{timestamp}.{body}"))</c>;</item>
/// <item>Standard Webhooks': <c>webhook-signature: v1,base64(HMAC(key, "{id}.{timestamp}.{body}"))</c>, whose
/// verifiers take the key as <c>whsec_</c> + base64(key) — <see cref="StandardSecret"/> — so both kinds of
/// receiver verify with the same secret.</item>
/// </list>
/// </summary>
public static class WebhookSignature
{
    /// <summary>32 random bytes, as the 64-character lowercase hex string that is the secret.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string StandardSecret(string secret) => "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));

    public static string Spec(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(Hmac(secret, $"{timestamp}.", body));

    public static string Standard(string secret, Guid deliveryId, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Hmac(secret, $"{deliveryId:D}.{timestamp}.", body));

    private static byte[] Hmac(string secret, string prefix, ReadOnlySpan<byte> body)
    {
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        var message = new byte[prefixBytes.Length + body.Length];
        prefixBytes.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefixBytes.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
