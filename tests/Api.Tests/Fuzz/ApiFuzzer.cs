using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Api.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Framecast.Api.Tests.Fuzz;

/// <summary>One malformed request, as the fuzzer sent it: enough to replay it by hand.</summary>
public sealed record FuzzRequest(string Operation, string Strategy, string Method, string Path, string? Authorization, string? ContentType, byte[]? Body)
{
    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400)) + (Body.Length > 400 ? $"… ({Body.Length} bytes)" : "");
        var path = Path.Length > 300 ? Path[..300] + $"… ({Path.Length} characters)" : Path;
        return $"[{Strategy}] {Method} {path}\n  Authorization: {Authorization ?? "(none)"}\n  Content-Type: {ContentType ?? "(none)"}\n  {body}";
    }
}

/// <summary>
/// Builds malformed requests for every operation of the served OpenAPI document: each one is a request the API must
/// refuse with a 4xx envelope (or, for reads, may answer) and that must change nothing. A request never carries a
/// well-formed body to an endpoint that ignores bodies, so a state change always means a defect.
/// </summary>
public sealed class ApiFuzzer
{
    private const string Poison = "\"@@poison@@\"";

    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    // The document shows no body for these, yet they read one (so they get body mutations on real ids as well).
    private static readonly Dictionary<string, string> UndeclaredBodies = new(StringComparer.Ordinal)
    {
        ["POST /v1/teams/{teamId}/projects"] = """{"name": "Fuzzed", "spec": {"title": "t", "scenes": [{"id": "s1", "prompt": "p", "duration": 1}]}}""",
        ["PATCH /v1/projects/{id}"] = """{"name": "Fuzzed"}""",
        ["POST /v1/assets/upload-url"] = """{"filename": "a.png", "content_type": "image/png", "size_bytes": 100}""",
        ["POST /v1/jobs/{id}/clone"] = """{"owner": "OWNER"}""",
        ["POST /v1/projects/{id}/render"] = """{"options": {}}""",
    };

    // Where a body holds JSON the API stores as it is, by design, a value of another type is no error and would be
    // stored: wrong types go elsewhere. A project's storyboard is kept unvalidated until it renders; options and team
    // settings are free-form objects. An empty set: the whole body is free-form (and any JSON or YAML type fits it).
    private static readonly Dictionary<string, string[]> FreeForm = new(StringComparer.Ordinal)
    {
        ["PUT /v1/projects/{id}/spec"] = [],
        ["POST /v1/teams/{teamId}/projects"] = ["spec"],
        ["POST /v1/generate"] = ["options"],
        ["POST /v1/projects/{id}/render"] = ["options"],
        ["POST /v1/jobs/{id}/clone"] = ["options"],
        ["PATCH /v1/teams/{teamId}"] = ["settings"],
    };

    // Bodies the document types as a bare object or JsonElement: a well-formed sample to mutate.
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["POST /v1/generate"] = """{"spec": STORYBOARD, "options": {"local_worker": {"skip_render": true}}, "owner": "OWNER"}""",
        ["POST /v1/spec/validate"] = "STORYBOARD",
        ["POST /v1/spec/estimate"] = "STORYBOARD",
        ["PUT /v1/projects/{id}/spec"] = "STORYBOARD",
        ["PATCH /v1/account"] = """{"name": "Fuzzed", "avatar_url": "https://example.com/a.png"}""",
        ["PATCH /v1/teams/{teamId}"] = """{"name": "Fuzzed", "settings": {"theme": "dark", "tags": ["a"]}}""",
        ["PATCH /v1/auth/keys/{keyId}"] = """{"name": "Fuzzed"}""",
        ["POST /v1/admin/credits"] = """{"owner": "OWNER", "amount": 1, "reason": "fuzz"}""",
        ["POST /v1/teams/{teamId}/invitations"] = """{"email": "fuzz-invitee@example.com", "role": "viewer"}""",
        ["POST /v1/auth/keys"] = """{"name": "Fuzzed", "owner": "OWNER", "scopes": ["jobs:read"]}""",
    };

    private const string Storyboard = """{"title": "Fuzz", "scenes": [{"id": "s1", "prompt": "A harbor at dawn", "duration": 1}, {"id": "s2", "prompt": "Gulls", "duration": 1}], "transitions": {"default": "fade"}}""";

    // Raw JSON string literals no endpoint may store: each holds a NUL or a lone surrogate (as escapes), some with
    // control characters around it. (Control characters alone are legal in free text such as a prompt; they go
    // into ids and query strings instead, where nothing may accept them.)
    private static readonly string[] PoisonedStrings =
    [
        "\"x\\u0000y\"", "\"\\u0000\"", "\"\\ud800\"", "\"a\\udc00b\"", "\"\\udfff\\ud800\"", "\"\\u0001\\u001f\\u007f\\u0000\"",
        "\"tab\\tnew\\nline\\u0000\"", "\"\\u001b[31mred\\ud800\"", "\"\\ud83d\"", "\"ok\\u0085\\u009f\\udc00\"",
    ];

    // Wrong types by the kind of the value they replace: never one the field could take (no null, no other number).
    private static readonly Dictionary<JsonValueKind, string[]> WrongTypes = new()
    {
        [JsonValueKind.String] = ["12345", "1.5e308", "true", "[]", "[\"a\", 1]", "{}", "{\"$ne\": 1}"],
        [JsonValueKind.Number] = ["\"1\"", "true", "[]", "{}", "99999999999999999999", "1e400", "\"NaN\""],
        [JsonValueKind.True] = ["\"true\"", "1", "[]", "{}"],
        [JsonValueKind.False] = ["\"false\"", "0", "[]", "{}"],
        [JsonValueKind.Object] = ["\"x\"", "12", "true", "[{}]"],
        [JsonValueKind.Array] = ["\"x\"", "12", "false", "{\"0\": \"a\"}"],
    };

    private static readonly string[] BrokenJson =
    [
        "{", "}", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "{\"a\": 1,}", "[1, 2", "NaN", "{\"a\": NaN}", "{\"a\": Infinity}", "nul",
        "\"unterminated", "{\"a\": \"\\x41\"}", "{\"a\": 01}", "{\"a\": 1} trailing", "\uFEFF{\"a\": }", "{\"\\ud800\": 1}",
        "{\"name\": \"a\", \"name\": \"b\"}", "{\"a\": \"\\u12\"}", "/* comment */ {}", "", " ", "\0", "null", "[]", "\"a string\"", "42",
    ];

    private static readonly byte[][] BrokenBytes = [[0xFF, 0xFE, 0x7B], [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], [0xED, 0xA0, 0x80], [0x7B, 0xC0, 0xAF, 0x7D]];

    // Bad YAML: aliases, a billion-laughs bomb, language tags, merge keys, deep flow nesting, tabs, duplicate keys.
    private static readonly string[] BadYaml =
    [
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\ntitle: *i\n",
        "title: &t Fuzz\nscenes:\n  - &s {id: s1, prompt: p, duration: 1}\n  - *s\n  - *undefined\n",
        "title: !!python/object/apply:os.system [\"echo pwned\"]\nscenes: []\n",
        "!!python/object:__main__.Exploit\ntitle: x\n",
        "title: !<tag:yaml.org,2002:js/function> 'function(){}'\nscenes: []\n",
        "title: x\n<<: *base\nscenes: []\n",
        "base: &base {title: x}\n<<: *base\nscenes: [{<<: *base}]\n",
        "title: \"\\0\\ud800\"\nscenes: [{id: \"\\x00\", prompt: \"\\u0000\", duration: 1}]\n",
        "title: x\ntitle: y\nscenes: []\n",
        "title:\tx\n\tscenes: [\n",
        "? [a, b]\n: c\nscenes: {[1]: 2}\n",
        "%YAML 9.9\n---\ntitle: x\n",
        "--- !!binary |\n  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5\n",
        "scenes: &a [*a]\n",
        "scenes: [" + new string('[', 5000) + new string(']', 5000) + "]\n",
        "title: x\nscenes:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "- \n")),
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
        "application/octet-stream", "image/png", "text/yaml; charset=ebcdic", "*/*", "application/",
    ];

    // Odd ids for routes and odd values for query strings, already escaped for a URL.
    private static readonly string[] OddValues =
    [
        "not-a-uuid", "00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "%00", "a%00b", "%ED%A0%80", "%F0%9F%98%80",
        "%01%1F%7F", "%C0%AF", "123", "-1", "99999999999999999999999999", "%27%20OR%201%3D1%20--", "%7Bid%7D", "%25", "%20", "asset_%00",
        "framecast%3Auser%3A" + Guid.NewGuid(), new string('a', 3000), "ffffffff-ffff-ffff-ffff-ffffffffffff%00", "%E2%80%AE", "true", "null",
    ];

    private readonly FuzzHost _host;
    private readonly Random _random;
    private readonly JsonNode _document;
    private readonly string[] _badTokens;

    public ApiFuzzer(FuzzHost host, JsonNode document, int seed)
    {
        _host = host;
        _document = document;
        _random = new Random(seed);
        Operations = document["paths"]!.AsObject()
            .SelectMany(path => Methods.Where(m => path.Value![m] is not null).Select(m => new FuzzOperation(m.ToUpperInvariant(), path.Key, path.Value![m]!)))
            .ToList();
        _badTokens = BadTokens(host.Creator.Id, host.Creator.Email);
    }

    public IReadOnlyList<FuzzOperation> Operations { get; }

    /// <summary>The <paramref name="index"/>th request: operations in turn, a strategy that fits the operation at random.</summary>
    public FuzzRequest Next(int index)
    {
        var operation = Operations[index % Operations.Count];
        var strategies = StrategiesFor(operation);
        var strategy = strategies[_random.Next(strategies.Count)];
        return strategy switch
        {
            "token" => WithBadToken(operation),
            "odd-id" => WithOddId(operation),
            "odd-query" => WithOddQuery(operation),
            "poisoned-string" => WithBody(operation, strategy, "application/json", Encode(Mutate(SampleBody(operation)!, PoisonedStrings, []))),
            "wrong-type" => WithBody(operation, strategy, "application/json",
                Encode(Mutate(SampleBody(operation)!, null, FreeForm.GetValueOrDefault(operation.Key, [])))),
            "broken-json" => WithBody(operation, strategy, "application/json",
                _random.Next(5) == 0 ? BrokenBytes[_random.Next(BrokenBytes.Length)] : Encode(Pick(BrokenJson))),
            "deep" => WithBody(operation, strategy, "application/json", Encode(Deep())),
            "huge" => WithBody(operation, strategy, "application/json", Huge()),
            "content-type" => WithBody(operation, strategy, Pick(WrongContentTypes), Encode(SampleBody(operation) ?? "{}")),
            "yaml" => WithBody(operation, strategy, "application/yaml", Encode(Pick(BadYaml))),
            _ => throw new InvalidOperationException(strategy),
        };
    }

    private List<string> StrategiesFor(FuzzOperation operation)
    {
        var strategies = new List<string> { "token" };
        if (operation.PathParameters.Count > 0)
        {
            strategies.Add("odd-id");
        }
        if (operation.QueryParameters.Count > 0)
        {
            strategies.Add("odd-query");
        }
        if (ReadsBody(operation))
        {
            if (SampleBody(operation) is not null)
            {
                strategies.AddRange(["poisoned-string", "poisoned-string"]);
                if (!(FreeForm.TryGetValue(operation.Key, out var free) && free.Length == 0))
                {
                    strategies.AddRange(["wrong-type", "wrong-type", "content-type"]);
                }
            }
            strategies.AddRange(["broken-json", "broken-json", "deep"]);
            // Over the body limit: costly to send, so rarely.
            if (_random.Next(20) == 0)
            {
                strategies.Add("huge");
            }
            if (operation.ContentTypes.Contains("application/yaml"))
            {
                strategies.AddRange(["yaml", "yaml", "yaml"]);
            }
        }
        return strategies;
    }

    private static bool ReadsBody(FuzzOperation operation) => operation.ContentTypes.Count > 0 || UndeclaredBodies.ContainsKey(operation.Key);

    /// <summary>A bad credential; a body-taking operation gets a broken body with it, so nothing could be done either way.</summary>
    private FuzzRequest WithBadToken(FuzzOperation operation)
    {
        var token = Pick(_badTokens);
        var body = ReadsBody(operation) ? Encode(Pick(BrokenJson)) : null;
        return new FuzzRequest(operation.Key, "token", operation.Method, RealPath(operation), token, body is null ? null : "application/json", body);
    }

    private FuzzRequest WithOddId(FuzzOperation operation)
    {
        var odd = operation.PathParameters[_random.Next(operation.PathParameters.Count)];
        var path = operation.Path;
        foreach (var name in operation.PathParameters)
        {
            path = path.Replace("{" + name + "}", name == odd ? Pick(OddValues) : RealId(operation, name), StringComparison.Ordinal);
        }
        // The body (if any) is broken too: with an odd id there is nothing it could change.
        var body = ReadsBody(operation) ? Encode(SampleBody(operation) is { } sample && _random.Next(2) == 0 ? Mutate(sample, PoisonedStrings, []) : Pick(BrokenJson)) : null;
        return new FuzzRequest(operation.Key, "odd-id", operation.Method, path, Credential(operation), body is null ? null : "application/json", body);
    }

    /// <summary>Odd values in every query parameter (reads only: a write with odd query values gets a broken body).</summary>
    private FuzzRequest WithOddQuery(FuzzOperation operation)
    {
        var query = string.Join("&", operation.QueryParameters.Where(_ => _random.Next(3) > 0).DefaultIfEmpty(operation.QueryParameters[0])
            .Select(name => $"{name}={Pick(OddValues)}"));
        var body = ReadsBody(operation) ? Encode(Pick(BrokenJson)) : null;
        return new FuzzRequest(operation.Key, "odd-query", operation.Method, RealPath(operation) + "?" + query, Credential(operation), body is null ? null : "application/json", body);
    }

    private FuzzRequest WithBody(FuzzOperation operation, string strategy, string contentType, byte[] body) =>
        new(operation.Key, strategy, operation.Method, RealPath(operation), Credential(operation), contentType, body);

    private string RealPath(FuzzOperation operation)
    {
        var path = operation.Path;
        foreach (var name in operation.PathParameters)
        {
            path = path.Replace("{" + name + "}", RealId(operation, name), StringComparison.Ordinal);
        }
        return path;
    }

    /// <summary>The fuzzer's own resources, so a body mutation reaches the handler instead of stopping at 404.</summary>
    private string RealId(FuzzOperation operation, string name) => name switch
    {
        "teamId" => _host.TeamId.ToString(),
        "userId" => _host.Member.Id.ToString(),
        "invitationId" => _host.InvitationId.ToString(),
        "keyId" => _host.ApiKeyId.ToString(),
        "id" when operation.Path.StartsWith("/v1/projects", StringComparison.Ordinal) => _host.ProjectId.ToString(),
        "id" when operation.Path.StartsWith("/v1/system-assets", StringComparison.Ordinal) => "asset_fuzz_nonexistent",
        _ => Guid.NewGuid().ToString(),
    };

    private string Credential(FuzzOperation operation) =>
        "Bearer " + (operation.Tags.Contains("Admin") ? AuthOptions.LocalAdminToken
            : _random.Next(3) == 0 ? _host.ApiKey
            : _host.CreatorJwt);

    /// <summary>A well-formed body for the operation (from its template or its schema), or null when it has none.</summary>
    private string? SampleBody(FuzzOperation operation)
    {
        var sample = Templates.GetValueOrDefault(operation.Key) ?? UndeclaredBodies.GetValueOrDefault(operation.Key)
            ?? (operation.BodySchema is { } schema ? Sample(schema, 0)?.ToJsonString() : null);
        return sample?.Replace("STORYBOARD", Storyboard, StringComparison.Ordinal).Replace("OWNER", _host.Creator.Urn, StringComparison.Ordinal);
    }

    private JsonNode? Sample(JsonNode schema, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return depth > 5 ? null : Sample(_document["components"]!["schemas"]![reference.Split('/')[^1]]!, depth + 1);
        }
        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => ["object"],
        };
        var type = types.FirstOrDefault(t => t != "null") ?? "string";
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]!.DeepClone();
        }
        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Sample(p.Value!, depth + 1)))),
            "array" => new JsonArray(schema["items"] is { } items ? Sample(items, depth + 1) : JsonValue.Create("a")),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            _ => JsonValue.Create(schema["format"]?.GetValue<string>() switch
            {
                "email" => "fuzz-someone@example.com",
                "uuid" => Guid.NewGuid().ToString(),
                "date-time" => DateTimeOffset.UtcNow.ToString("O"),
                "uri" => "https://example.com/a",
                _ => "fuzz-value",
            }),
        };
    }

    /// <summary>The sample with one value (a string for the poisons, anything for wrong types) replaced by a raw JSON fragment.</summary>
    private string Mutate(string sample, string[]? poisons, string[] freeForm)
    {
        var root = JsonNode.Parse(sample)!;
        var candidates = new List<JsonNode>();
        if (root is JsonObject top && poisons is null)
        {
            // Wrong types stay out of the free-form fields (see FreeForm), whole or within.
            foreach (var name in freeForm)
            {
                top.Remove(name);
            }
        }
        Collect(root, candidates, stringsOnly: poisons is not null);
        if (candidates.Count == 0)
        {
            return Pick(poisons ?? WrongTypes[JsonValueKind.Object]);
        }
        var target = candidates[_random.Next(candidates.Count)];
        var fragment = Pick(poisons ?? WrongTypes[target.GetValueKind()]);
        if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = JsonValue.Create("@@poison@@");
        }
        else if (target.Parent is JsonArray array)
        {
            array[target.GetElementIndex()] = JsonValue.Create("@@poison@@");
        }
        else
        {
            return Pick(poisons ?? WrongTypes[JsonValueKind.Object]);
        }
        return root.ToJsonString().Replace(Poison, fragment, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode node, List<JsonNode> into, bool stringsOnly)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        if (!stringsOnly)
                        {
                            into.Add(child);
                        }
                        Collect(child, into, stringsOnly);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    if (child is not null)
                    {
                        if (!stringsOnly)
                        {
                            into.Add(child);
                        }
                        Collect(child, into, stringsOnly);
                    }
                }
                break;
            case JsonValue value when stringsOnly && value.GetValueKind() == JsonValueKind.String:
                into.Add(value);
                break;
        }
    }

    private string Deep()
    {
        var depth = _random.Next(3) switch { 0 => 65, 1 => 1_000, _ => 100_000 };
        return _random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    /// <summary>Over Kestrel's 8 MiB body limit.</summary>
    private byte[] Huge()
    {
        var filler = new string('x', 9 * 1024 * 1024);
        return Encode(_random.Next(2) == 0 ? $"{{\"title\": \"{filler}\"}}" : $"[\"{filler}\"]");
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Broken, expired, <c>alg: none</c>, wrong-signature and look-alike credentials (each as a full Authorization value).</summary>
    private static string[] BadTokens(Guid userId, string email)
    {
        var handler = new JsonWebTokenHandler();
        string Sign(string secret, DateTime expires, string audience = "authenticated") => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtTokens.EmbeddedIssuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString("D"), ["email"] = email },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
        static string B64(string json) => Base64UrlEncoder.Encode(json);
        var valid = Sign(AuthOptions.LocalJwtSecret, DateTime.UtcNow.AddHours(1));
        var parts = valid.Split('.');
        var claims = $$"""{"sub":"{{userId}}","email":"{{email}}","aud":"authenticated","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""";
        return
        [
            "Bearer " + Sign(AuthOptions.LocalJwtSecret, DateTime.UtcNow.AddHours(-1)),
            "Bearer " + Sign("another-secret-that-is-long-enough-for-hs256-signing", DateTime.UtcNow.AddHours(1)),
            "Bearer " + Sign(AuthOptions.LocalJwtSecret, DateTime.UtcNow.AddHours(1), audience: "somebody-else"),
            "Bearer " + B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(claims) + ".",
            "Bearer " + B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(claims),
            "Bearer " + B64("""{"alg":"HS512","typ":"JWT"}""") + "." + parts[1] + "." + parts[2],
            "Bearer " + parts[0] + "." + B64(claims.Replace(userId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal)) + "." + parts[2],
            "Bearer " + parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA",
            "Bearer " + B64("""{"alg":"HS256"}""") + "." + B64("""{"sub":"not-a-uuid","exp":99999999999,"aud":"authenticated"}""") + ".sig",
            "Bearer " + parts[0] + ".%%%." + parts[2],
            "Bearer eyJ", "Bearer .", "Bearer ..", "Bearer ...", "Bearer " + new string('A', 9000), "Bearer", "Bearer ", "bearer x y z",
            "Basic dXNlcjpwYXNz", "Token abc", "Bearer sk_live_", "Bearer sk_live_AAAAAAAA_" + new string('B', 28), "Bearer sk_live_" + new string('x', 500),
            "Bearer " + AuthOptions.LocalAdminToken + "x", "Bearer null", "Bearer undefined",
        ];
    }
}

/// <summary>An operation of the OpenAPI document, with what the fuzzer needs of it.</summary>
public sealed class FuzzOperation(string method, string path, JsonNode node)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    public string Key => $"{Method} {Path}";

    public IReadOnlyList<string> PathParameters { get; } = Parameters(node, "path");

    public IReadOnlyList<string> QueryParameters { get; } = Parameters(node, "query");

    public IReadOnlyList<string> Tags { get; } = node["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];

    public IReadOnlyList<string> ContentTypes { get; } = node["requestBody"]?["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];

    public JsonNode? BodySchema { get; } = node["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema && schema["$ref"]?.GetValue<string>() != "#/components/schemas/JsonElement" ? schema : null;

    private static List<string> Parameters(JsonNode node, string where) =>
        node["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == where).Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
}
