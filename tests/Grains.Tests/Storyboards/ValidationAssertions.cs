using Framecast.Grains.Storyboards;

namespace Framecast.Grains.Tests.Storyboards;

internal static class ValidationAssertions
{
    /// <summary>Asserts the result is invalid with exactly one error, at <paramref name="path"/> with <paramref name="code"/>.</summary>
    public static ValidationIssue SingleError(this ValidationResult result, string path, string code)
    {
        Assert.False(result.Valid);
        var error = Assert.Single(result.Errors);
        Assert.Equal((path, code), (error.Path, error.Code));
        return error;
    }

    public static ValidationIssue HasError(this ValidationResult result, string path, string code)
    {
        Assert.False(result.Valid);
        return Assert.Single(result.Errors, e => e.Path == path && e.Code == code);
    }

    public static ValidationIssue HasWarning(this ValidationResult result, string path, string code) =>
        Assert.Single(result.Warnings, w => w.Path == path && w.Code == code);
}
