using Framecast.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Framecast.Api.Jobs;

/// <summary>
/// RFC 7240's <c>Prefer: wait=N</c> on a job create: hold the answer until the job ends or N seconds pass. Other
/// preferences are ignored, as the RFC asks; a wait we could not honour is refused before anything is stored,
/// so a client never believes it waited when it did not.
/// </summary>
public static class PreferWait
{
    public const int MaxSeconds = 60;
    public const string AppliedHeader = "Preference-Applied";

    /// <summary>The wait asked for, or null when none is.</summary>
    public static TimeSpan? Parse(HttpRequest request)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // A preference is token[=value] followed by ;-separated parameters, which wait has none of.
                var token = preference.Split(';', 2)[0].Trim();
                var split = token.IndexOf('=');
                var name = (split < 0 ? token : token[..split]).Trim();
                if (!name.Equals("wait", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var value = split < 0 ? "" : token[(split + 1)..].Trim().Trim('"');
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out var seconds) || seconds > MaxSeconds)
                {
                    throw new DomainException(ErrorCodes.ValidationError, $"Prefer: wait must be a whole number of seconds from 0 to {MaxSeconds}.",
                        new Dictionary<string, object?> { ["field"] = "Prefer" });
                }
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return null;
    }

    /// <summary>Documents the <c>Prefer</c> request header on a create operation.</summary>
    public static RouteHandlerBuilder AcceptsPreferWait(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Prefer",
                In = ParameterLocation.Header,
                Description = $"RFC 7240 wait=N (0 to {MaxSeconds}): answer when the job ends or after N seconds, with the job as it stands then "
                    + $"and {AppliedHeader}: wait=N. Any other N is refused with 400 before anything is stored.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create("wait=30")] },
            });
            return Task.CompletedTask;
        });
}
