using System.Text.Json.Serialization;

namespace Framecast.Cli.Configuration;

/// <summary>What <c>framecast login</c> keeps: the API it signed in to and the credential (a JWT or an API key).</summary>
public sealed record StoredLogin(
    [property: JsonPropertyName("api_url")] string ApiUrl,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);
