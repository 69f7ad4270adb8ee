using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Accounts;

/// <summary>Shorthands for the account domain's errors.</summary>
public static class AccountErrors
{
    public static DomainException Validation(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field });

    public static DomainException TeamNotFound(Guid teamId) =>
        new(ErrorCodes.TeamNotFound, "Team not found.", new Dictionary<string, object?> { ["team_id"] = teamId });

    public static DomainException InsufficientRole(string message) => new(ErrorCodes.InsufficientRole, message);

    public static DomainException InsufficientCredits(int balance, int requested) =>
        new(ErrorCodes.InsufficientCredits, $"The balance ({balance}) is lower than the debit ({requested}); credits never go below zero.",
            new Dictionary<string, object?> { ["balance"] = balance, ["requested"] = requested });
}
