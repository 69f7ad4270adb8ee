using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Api.Auth;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Framecast.Api.Hosting;

/// <summary>
/// The OpenAPI document's identity, its two bearer schemes and the error envelope on every operation. No servers:
/// the same document is served by every host and kept in spec/openapi.json.
/// </summary>
public static class OpenApiDocument
{
    public const string UserScheme = "bearer";
    public const string AdminScheme = "adminToken";
    public const string ErrorSchema = "ErrorEnvelope";

    public static void Configure(OpenApiOptions options)
    {
        // OpenAPI 3.0: code generators (NSwag, which builds our CLI's client, among them) read its nullable references
        // as nullable types, where 3.1's oneOf-with-null becomes an empty wrapper class.
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        // Free-form JSON (a storyboard, settings, progress) is an inline any-value schema, not a component named after
        // a .NET type that generated clients would turn into an empty class.
        options.CreateSchemaReferenceId = type =>
            type.Type == typeof(JsonElement) || type.Type == typeof(JsonElement?) || typeof(JsonNode).IsAssignableFrom(type.Type)
                ? null
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Framecast API";
            document.Info.Description = "Storyboard-to-video generation: accounts and teams, jobs with credits, events over SSE and SignalR (/hubs/jobs). Errors use the envelope {\"error\": {\"code\", \"message\", \"details\"}}.";
            document.Servers?.Clear();
            AddComponents(document);
            NullableReferences(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            AddComponents(context.Document!);
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            // Our endpoints authenticate by taking a Caller (a user's JWT or API key); the operators' ones are the Admin tag.
            var handler = metadata.OfType<MethodInfo>().FirstOrDefault();
            var user = handler?.GetParameters().Any(p => p.ParameterType == typeof(Caller)) == true;
            var tags = metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).ToHashSet(StringComparer.Ordinal);
            var admin = tags.Contains("Admin");
            if (user || admin)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(admin ? AdminScheme : UserScheme, context.Document)] = [],
                });
            }

            var takesInput = context.Description.ParameterDescriptions.Count > 0
                || context.Description.HttpMethod is "POST" or "PUT" or "PATCH";
            var errors = new List<(string Status, string Description)>();
            if (takesInput)
            {
                errors.Add(("400", "Malformed input: VALIDATION_ERROR with the offending field in details."));
            }
            if (user || admin)
            {
                errors.Add(("401", "UNAUTHENTICATED: the bearer credential is missing, invalid, expired or revoked."));
            }
            if (user)
            {
                errors.Add(("403", "The caller's tier, role, scope or owner does not allow this."));
            }
            if (context.Description.RelativePath?.Contains('{') == true)
            {
                errors.Add(("404", "The resource does not exist or the caller cannot see it (<RESOURCE>_NOT_FOUND)."));
            }
            if (!tags.Contains("Health"))
            {
                errors.Add(("429", "RATE_LIMITED (with retryAfter), or a concurrency limit."));
            }
            errors.Add(("503", "UNAVAILABLE: the database or part of the cluster is down for a moment; retry."));
            errors.Add(("default", "Any other error, in the same envelope."));

            operation.Responses ??= [];
            foreach (var (status, description) in errors)
            {
                operation.Responses.TryAdd(status, new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(ErrorSchema, context.Document) },
                    },
                });
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The schemes and the envelope, once, whichever transformer runs first.</summary>
    /// <summary>
    /// A nullable property of a component type comes out as <c>oneOf: [null, $ref]</c>; 3.0's own idiom is
    /// <c>allOf: [$ref], nullable: true</c>, which generators read as a nullable property of that type.
    /// </summary>
    private static void NullableReferences(Microsoft.OpenApi.OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (property is OpenApiSchema { OneOf: [var first, OpenApiSchemaReference reference] } && IsNullOnly(first))
                {
                    schema.Properties![name] = new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Null };
                }
            }
        }
    }

    private static bool IsNullOnly(IOpenApiSchema schema) =>
        schema is OpenApiSchema { Type: JsonSchemaType.Null } or OpenApiSchema { Enum: [null] };

    private static void AddComponents(Microsoft.OpenApi.OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(UserScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT or API key",
            Description = $"Authorization: Bearer <token>, where the token is a JWT from POST /v1/auth/token (or the configured identity provider) or an API key ({Grains.Accounts.ApiKeySecrets.Prefix}…) from POST /v1/auth/keys.",
        });
        document.Components.SecuritySchemes.TryAdd(AdminScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer $FRAMECAST_ADMIN_TOKEN, for the operators' endpoints.",
        });
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ErrorSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every error answer of the API.",
            Required = new HashSet<string> { "error" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "code", "message" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "UPPER_SNAKE_CODE from the error catalog.", Examples = [JsonValue.Create("VALIDATION_ERROR")] },
                        ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For humans; do not parse." },
                        ["details"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Code-specific facts, such as the offending field or the validation errors." },
                        ["retryAfter"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "On 429: seconds until the limit resets." },
                    },
                },
            },
        });
    }
}
