using System.Text.RegularExpressions;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Abstractions.Accounts;

/// <summary>Email rules shared by users and invitations (CHECK <c>valid_email</c>, ≤ 255). Emails are stored
/// lowercased and compared case-insensitively (spec 04 §4.2, proposed).</summary>
public static partial class EmailAddress
{
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= AccountLimits.EmailMaxLength } && Pattern().IsMatch(email);

    /// <summary>Trims and lowercases, or throws 400 VALIDATION_ERROR naming the field.</summary>
    public static string Normalize(string? email, string field = "email")
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        return IsValid(trimmed)
            ? trimmed!
            : throw new DomainException(ErrorCodes.ValidationError, $"'{field}' must be a valid email address of at most {AccountLimits.EmailMaxLength} characters.",
                new Dictionary<string, object?> { ["field"] = field });
    }
}
