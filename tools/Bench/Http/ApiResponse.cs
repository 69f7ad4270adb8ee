using System.Text.Json;

namespace Framecast.Bench.Http;

/// <summary>One answer of the API: its status, body and, for an error envelope, its code.</summary>
public sealed record ApiResponse(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary><c>error.code</c> of the spec's error envelope, when there is one.</summary>
    public string? ErrorCode
    {
        get
        {
            if (IsSuccess || Body.Length == 0)
            {
                return null;
            }
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
                    ? code.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>How outcomes are counted: "201", "429 CONCURRENT_JOB_LIMIT", …</summary>
    public string Outcome => ErrorCode is { } code ? $"{Status} {code}" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A string field of the JSON body, e.g. a job's <c>id</c>.</summary>
    public string? Field(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
