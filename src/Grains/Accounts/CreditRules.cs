namespace Framecast.Grains.Accounts;

/// <summary>Operator credit changes: a non-zero amount and a stated reason (the ledger is the audit trail).</summary>
public static class CreditRules
{
    public const int MaxReasonLength = 500;
    public const int MaxAbsoluteDelta = 1_000_000_000;

    public static void Check(int delta, string reason)
    {
        if (delta == 0 || delta is > MaxAbsoluteDelta or < -MaxAbsoluteDelta)
        {
            throw AccountErrors.Validation("amount", $"'amount' must be a non-zero integer between -{MaxAbsoluteDelta} and {MaxAbsoluteDelta}.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw AccountErrors.Validation("reason", $"'reason' must have 1 to {MaxReasonLength} characters.");
        }
    }
}
