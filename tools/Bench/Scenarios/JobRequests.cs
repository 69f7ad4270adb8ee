namespace Framecast.Bench.Scenarios;

/// <summary>The job calls the scenarios make. Jobs hang in the local worker and render nothing, so only the API is loaded.</summary>
public static class JobRequests
{
    public const string ConcurrentJobLimit = "429 CONCURRENT_JOB_LIMIT";

    /// <summary>The smallest valid storyboard; the local worker keeps it running until it is canceled.</summary>
    public const string GenerateBody =
        """{"spec":{"title":"b","scenes":[{"id":"s1","prompt":"p","duration":1}]},"options":{"local_worker":{"outcome":"hang","skip_render":true}}}""";

    /// <summary>How long a client waits after a 429 CONCURRENT_JOB_LIMIT before it tries again (slots free as cancels land).</summary>
    public static readonly TimeSpan LimitBackoff = TimeSpan.FromMilliseconds(5);

    public static Task<ApiResponse> GenerateAsync(ApiClient api, string token, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, "/v1/generate", token, GenerateBody, cancellationToken);

    public static Task<ApiResponse> CancelAsync(ApiClient api, string token, Guid jobId, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, $"/v1/jobs/{jobId:D}/cancel", token, cancellationToken: cancellationToken);

    public static Task<ApiResponse> GetAsync(ApiClient api, string token, Guid jobId, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Get, $"/v1/jobs/{jobId:D}", token, cancellationToken: cancellationToken);

    /// <summary>The job id of a 201, or a clear failure with the body when the answer is not what was asked for.</summary>
    public static Guid CreatedJobId(ApiResponse response) =>
        response.Status == 201 && Guid.TryParse(response.Field("id"), out var id)
            ? id
            : throw new BenchFailure($"POST /v1/generate answered {response.Status}, expected 201 with a job id:\n{response.Body}");
}
