using System.Text;
using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Yaml;

namespace Framecast.Grains.Storyboards;

/// <summary>
/// A received storyboard as one JSON tree, whichever format it came in. Parsing checks only that the input is
/// well-formed and within the size limit; the rules are <see cref="StoryboardValidator"/>'s.
/// </summary>
public sealed class StoryboardDocument
{
    /// <summary>Spec 06 §3.1: at most 100 KB, counted as UTF-8 bytes.</summary>
    public const int MaxSizeBytes = 102_400;

    /// <summary>Far deeper than any valid storyboard (about 7 levels), low enough to keep parsing bounded.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    private StoryboardDocument(JsonElement root, string json)
    {
        Root = root;
        Json = json;
    }

    public JsonElement Root { get; }

    /// <summary>The spec as JSON text: what is stored as <c>Project.spec</c> or <c>Job.spec_snapshot</c>.</summary>
    public string Json { get; }

    /// <summary>
    /// Parses a request body. JSON for <c>application/json</c> (or any <c>+json</c>, or no content type), YAML for
    /// <c>application/yaml</c>, <c>application/x-yaml</c> and <c>text/yaml</c>.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>VALIDATION_ERROR</c> for malformed input; <c>SPEC_INVALID</c> (details: the validation response) when the
    /// input exceeds <see cref="MaxSizeBytes"/>; <c>UNSUPPORTED_MEDIA_TYPE</c> for any other content type.
    /// </exception>
    public static StoryboardDocument Parse(string body, string? contentType)
    {
        var format = FormatOf(contentType);
        // Refuse oversize input before building any tree from it.
        EnsureWithinSize(Encoding.UTF8.GetByteCount(body));
        if (format == Format.Json)
            return FromJsonText(body);

        string json;
        try
        {
            json = YamlJsonReader.ToJson(body, MaxSizeBytes, MaxDepth);
        }
        catch (YamlSyntaxException exception)
        {
            throw Malformed("YAML", exception.Reason, exception.Line, exception.Column);
        }
        EnsureWithinSize(Encoding.UTF8.GetByteCount(json));
        return FromJsonText(json);
    }

    /// <summary>
    /// A spec that arrived already parsed inside a larger JSON body (e.g. <c>{ "spec": { … } }</c>). Its size is that of
    /// its JSON text as received.
    /// </summary>
    public static StoryboardDocument FromJson(JsonElement spec)
    {
        var json = spec.GetRawText();
        EnsureWithinSize(Encoding.UTF8.GetByteCount(json));
        return new StoryboardDocument(spec.Clone(), json);
    }

    private static StoryboardDocument FromJsonText(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, ParseOptions);
            return new StoryboardDocument(document.RootElement.Clone(), json);
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var column = (exception.BytePositionInLine ?? 0) + 1;
            throw Malformed("JSON", Reason(exception.Message), line, column);
        }
        catch (InvalidOperationException)
        {
            // The duplicate-property check decodes names, and an escaped lone surrogate ("\ud800") has no string form.
            throw new DomainException(ErrorCodes.ValidationError,
                "The storyboard is not valid JSON: a property name is not valid UTF-16 (an unpaired surrogate)",
                new Dictionary<string, object?> { ["format"] = "json" });
        }
    }

    internal static DomainException Malformed(string format, string reason, long line, long column) =>
        new(ErrorCodes.ValidationError,
            $"The storyboard is not valid {format}: {reason} (line {line}, column {column})",
            new Dictionary<string, object?> { ["format"] = format.ToLowerInvariant(), ["line"] = line, ["column"] = column });

    private static void EnsureWithinSize(int bytes)
    {
        if (bytes <= MaxSizeBytes)
            return;
        var issue = new ValidationIssue(SpecPath.Root, ValidationCodes.LimitExceeded,
            $"The storyboard is {bytes} bytes; the maximum is {MaxSizeBytes} (100 KB)") { Value = bytes, Limit = MaxSizeBytes };
        throw ValidationResult.Invalid(issue).ToException();
    }

    // System.Text.Json appends " Path: … | LineNumber: … | BytePositionInLine: …" which the message already says better.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
    }

    /// <summary>Bodies are read as UTF-8: one declared in another charset would be read as something it is not (415).</summary>
    public static void RequireUtf8(string? contentType)
    {
        var charset = (contentType ?? "").Split(';').Skip(1).Select(p => p.Split('=', 2))
            .FirstOrDefault(p => p[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is not null && !(charset.Length == 2 && charset[1].Trim().Trim('"').ToLowerInvariant() is "utf-8" or "utf8"))
        {
            throw new DomainException(ErrorCodes.UnsupportedMediaType, $"Bodies are read as UTF-8, not as '{contentType}'");
        }
    }

    private static Format FormatOf(string? contentType)
    {
        RequireUtf8(contentType);
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "" or "application/json" or "text/json" => Format.Json,
            _ when mediaType.EndsWith("+json", StringComparison.Ordinal) => Format.Json,
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => Format.Yaml,
            _ => throw new DomainException(ErrorCodes.UnsupportedMediaType,
                $"Storyboards are sent as application/json or application/yaml, not '{mediaType}'"),
        };
    }

    private enum Format
    {
        Json,
        Yaml,
    }
}
