using Microsoft.AspNetCore.OpenApi;

namespace Framecast.Api.Hosting;

/// <summary>The OpenAPI document's identity. No servers: the same document is served by every host and kept in spec/openapi.json.</summary>
public static class OpenApiDocument
{
    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Framecast API";
            document.Info.Description = "Storyboard-to-video generation: accounts and teams, jobs with credits, events over SSE and SignalR (/hubs/jobs). Errors use the envelope {\"error\": {\"code\", \"message\", \"details\"}}.";
            document.Servers?.Clear();
            return Task.CompletedTask;
        });
}
