using System.Net.Http.Headers;
using Framecast.Cli.Output;

namespace Framecast.Cli.Configuration;

/// <summary>The generated client over one HttpClient that carries the connection's base address and bearer credential.</summary>
public sealed class ApiSession : IDisposable
{
    private ApiSession(HttpClient http)
    {
        Http = http;
        // Keeps each error answer's text, so the error envelope can be shown whatever status carried it.
        Api = new FramecastApi(http) { ReadResponseAsString = true };
    }

    public HttpClient Http { get; }

    public FramecastApi Api { get; }

    public static ApiSession Open(Connection connection, bool requireToken = true)
    {
        if (requireToken && connection.Token is null)
        {
            throw new CliException(ExitCodes.Failed, "not signed in: run `framecast login`, or set FRAMECAST_TOKEN.");
        }
        var http = new HttpClient { BaseAddress = connection.ApiUrl, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("framecast-cli", typeof(ApiSession).Assembly.GetName().Version?.ToString(3)));
        if (connection.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new ApiSession(http);
    }

    public void Dispose() => Http.Dispose();
}
