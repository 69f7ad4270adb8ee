using Microsoft.AspNetCore.Identity;

namespace Framecast.Api.Auth;

/// <summary>Passwords of the embedded identity provider, hashed with ASP.NET Core Identity's PasswordHasher
/// (PBKDF2-HMAC-SHA512, salted, versioned format). Never stored or logged in plain.</summary>
public sealed class Passwords
{
    private static readonly object User = new();
    private readonly PasswordHasher<object> _hasher = new();

    /// <summary>Verifies against this hash when the account is unknown, so timing does not tell accounts apart.</summary>
    private readonly string _decoy;

    public Passwords() => _decoy = _hasher.HashPassword(User, Guid.NewGuid().ToString());

    public string Hash(string password) => _hasher.HashPassword(User, password);

    /// <summary>True when it matches; <paramref name="rehash"/> is a fresh hash when the stored format is outdated.</summary>
    public bool Verify(string? storedHash, string password, out string? rehash)
    {
        rehash = null;
        var result = _hasher.VerifyHashedPassword(User, storedHash ?? _decoy, password);
        if (storedHash is null || result == PasswordVerificationResult.Failed)
        {
            return false;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            rehash = Hash(password);
        }
        return true;
    }
}
