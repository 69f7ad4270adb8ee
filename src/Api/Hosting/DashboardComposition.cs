using Microsoft.Extensions.FileProviders;

namespace Framecast.Api.Hosting;

/// <summary>
/// The live dashboard at <c>/app/</c>: plain HTML and ES modules, with the SignalR browser client at
/// <c>/app/vendor/signalr.min.js</c>. Static files only, so no endpoint and nothing in the OpenAPI document.
/// </summary>
public static class DashboardComposition
{
    public const string Path = "/app";

    /// <summary>
    /// Serves the build output's <c>wwwroot/app</c> (Api.csproj copies it there, the SignalR client included), not the
    /// content root's: the API runs from the repository root in the process tests, from src/Api under <c>dotnet run</c>
    /// and from the publish folder when deployed, and the output folder is the one place that always holds the page.
    /// Before the rate limits and authentication: the page is public, and its files must not use up an anonymous
    /// caller's requests before it has signed in.
    /// </summary>
    public static void UseDashboardPage(this WebApplication app)
    {
        var root = System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "app");
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("The dashboard page is not served: {Folder} does not exist", root);
            return;
        }
        var files = new PhysicalFileProvider(root);
        // /app answers a redirect to /app/ (the default files' trailing-slash redirect), so the modules' relative URLs resolve.
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            // Revalidated on every load: a new build's modules are never mixed with cached old ones.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
