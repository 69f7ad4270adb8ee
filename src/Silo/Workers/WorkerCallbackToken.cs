using System.Security.Cryptography;
using System.Text;

namespace Framecast.Silo.Workers;

/// <summary>An HMAC of the job id that authenticates the worker's callback URL for that one job.</summary>
public static class WorkerCallbackToken
{
    public static string For(Guid jobId, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(jobId.ToString("D"))));

    public static bool IsValid(Guid jobId, string? token, string secret) =>
        token is { Length: 64 } &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(jobId, secret)), Encoding.ASCII.GetBytes(token));
}
