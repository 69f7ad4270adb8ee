using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Storyboards;

/// <summary>The validation response of spec 06 §4: <see cref="Valid"/> is true exactly when there are no errors.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationIssue> Errors, IReadOnlyList<ValidationIssue> Warnings)
{
    public bool Valid => Errors.Count == 0;

    public static ValidationResult Invalid(ValidationIssue error) => new([error], []);

    /// <summary>The 422 <c>SPEC_INVALID</c> error whose details are this response (spec 04 §0.3).</summary>
    public DomainException ToException() =>
        new(ErrorCodes.SpecInvalid,
            Errors.Count == 1 ? $"The storyboard is invalid: {Errors[0].Message}" : $"The storyboard has {Errors.Count} errors",
            ToDetails());

    /// <summary>Throws <see cref="ToException"/> when invalid; admission calls this before estimating.</summary>
    public void EnsureValid()
    {
        if (!Valid)
            throw ToException();
    }

    // Dictionary keys are not renamed by the API's naming policy, so they are written in the wire's snake_case.
    private Dictionary<string, object?> ToDetails() => new()
    {
        ["valid"] = Valid,
        ["errors"] = Errors,
        ["warnings"] = Warnings,
    };
}
