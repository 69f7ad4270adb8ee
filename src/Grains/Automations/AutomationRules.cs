using System.Text.Json;
using System.Text.RegularExpressions;
using Cronos;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Grains.Automations;

/// <summary>The checks of an automation's input, shared by the API (before any grain is called) and the grain's schedule.</summary>
public static partial class AutomationRules
{
    public const int NameMaxLength = 200;
    public const int MaxVariables = 50;
    public const int VariableValueMaxLength = 10_000;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex VariableName();

    /// <summary>A standard 5-field cron expression.</summary>
    public static CronExpression ParseCron(string? cron, string field = "trigger.cron")
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            throw Invalid(field, "A schedule needs 'trigger.cron', a 5-field cron expression such as \"0 9 * * 1\".");
        }
        try
        {
            return CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw Invalid(field, $"'{cron}' is not a 5-field cron expression: {e.Message}");
        }
    }

    /// <summary>An IANA time zone id (Windows names are refused, so the stored id means the same everywhere).</summary>
    public static TimeZoneInfo ParseTimeZone(string id, string field = "trigger.timezone")
    {
        if (id == "UTC")
        {
            return TimeZoneInfo.Utc;
        }
        if (id.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            throw Invalid(field, $"'{id}' is not an IANA time zone (for example \"Europe/Berlin\" or \"UTC\").");
        }
        return zone;
    }

    /// <summary><c>variables</c>: an object of names to strings.</summary>
    public static Dictionary<string, string> ParseVariables(JsonElement variables)
    {
        if (variables.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("variables", "'variables' must be an object of names to strings.");
        }
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables.EnumerateObject())
        {
            if (!VariableName().IsMatch(variable.Name))
            {
                throw Invalid($"variables.{variable.Name}", "A variable's name is a letter or _ followed by up to 63 letters, digits or _.");
            }
            if (variable.Value.ValueKind != JsonValueKind.String || variable.Value.GetString()!.Length > VariableValueMaxLength)
            {
                throw Invalid($"variables.{variable.Name}", $"A variable's value is a string of at most {VariableValueMaxLength} characters.");
            }
            parsed[variable.Name] = variable.Value.GetString()!;
        }
        if (parsed.Count > MaxVariables)
        {
            throw Invalid("variables", $"At most {MaxVariables} variables.");
        }
        return parsed;
    }

    /// <summary>
    /// Refuses a placeholder the automation could never fill: in the project's storyboard (<paramref name="specJson"/>,
    /// may be null) or in a variable's value.
    /// </summary>
    public static void RequireKnownPlaceholders(string? specJson, AutomationTriggerType trigger, IReadOnlyDictionary<string, string> variables)
    {
        var declared = variables.Keys.ToList();
        foreach (var (name, value) in variables)
        {
            foreach (var placeholder in AutomationTemplate.PlaceholdersIn(value))
            {
                if (AutomationTemplate.Refusal(placeholder, trigger, declared, inVariables: true) is { } why)
                {
                    throw Unknown(placeholder, $"variables.{name}", why);
                }
            }
        }
        if (specJson is null)
        {
            return;
        }
        using var spec = JsonDocument.Parse(specJson);
        foreach (var placeholder in AutomationTemplate.PlaceholdersIn(spec.RootElement))
        {
            if (AutomationTemplate.Refusal(placeholder, trigger, declared, inVariables: false) is { } why)
            {
                throw Unknown(placeholder, "spec", why);
            }
        }
    }

    private static DomainException Unknown(string placeholder, string where, string why) =>
        new(ErrorCodes.ValidationError, $"The placeholder {{{{{placeholder}}}}} in {where} cannot be filled: {why}.",
            new Dictionary<string, object?> { ["field"] = where, ["placeholder"] = placeholder });

    public static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field });
}
