using Framecast.Api.Auth;
using Framecast.Api.Errors;
using Framecast.Api.Health;
using Framecast.Api.Hosting;
using Framecast.Api.Hubs;
using Framecast.Silo.Storage;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:3000");
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 8 * 1024 * 1024);

JsonLogging.Configure(builder);
Telemetry.Configure(builder);
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<ErrorEnvelopeExceptionHandler>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi("v1", OpenApiDocument.Configure);
builder.AddTrustedProxies();
builder.AddFramecastBackend();
builder.AddAccounts();
builder.AddJobs();

var app = builder.Build();

if (args.Contains("migrate"))
{
    var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
    app.Logger.LogInformation("Applied {Count} migrations", applied);
    return;
}
if (AccountCommands.IsCommand(args))
{
    Environment.ExitCode = await AccountCommands.RunAsync(app, args);
    return;
}

app.UseTrustedProxies();
app.UseMiddleware<RequestIdMiddleware>();
app.UseRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages(StatusCodeEnvelopes.WriteAsync);
app.UseDashboardPage();
app.UseMiddleware<HubAccessTokenMiddleware>();
app.UseAccounts();
app.UseAuthentication();
app.UseAuthorization();
// After the rate limits: an over-limit caller's body is never read.
app.UseMiddleware<StorableJsonBodyMiddleware>();

app.MapOpenApi("/openapi/{documentName}.json");
app.UseSwaggerUI(o =>
{
    o.RoutePrefix = "docs";
    o.SwaggerEndpoint("/openapi/v1.json", "Framecast v1");
});
app.MapHealthEndpoints();
app.MapMetrics();
app.MapAccounts();
app.MapJobs();
app.MapAssets();
app.MapSystemAssets();
app.MapWebhooks();
app.MapAutomations();
app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AdminTokenAuthentication.Policy).ExcludeFromDescription();

app.Run();

/// <summary>Visible to the HTTP tests' host factory.</summary>
public partial class Program;
