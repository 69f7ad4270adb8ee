using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Framecast.Bench.Setup;

namespace Framecast.Bench.Scenarios;

/// <summary>
/// The memory of a silo holding many active grains: <c>GET /v1/jobs/:id</c> of ids no job has activates one
/// <c>JobGrain</c> each (it stays until the idle timeout), and the silo's resident memory is read before and after
/// from <c>/proc</c> — the benchmark only ever runs against this machine — with its activation count from
/// <c>/v1/admin/silos</c>. Runs last: the grains it leaves would weigh on any scenario after it.
/// </summary>
public sealed class GrainMemoryScenario(ApiClient api, BenchOwner owner, BenchSettings settings)
{
    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var (pid, activationsBefore) = await ThisSiloAsync(cancellationToken);
        var rssBefore = ResidentBytes(pid);
        var latency = new LatencyRecorder();
        var outcomes = new OutcomeCounter();
        long sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) <= settings.Grains)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await JobRequests.GetAsync(api, owner.Token, Guid.NewGuid(), cancellationToken);
                outcomes.Add(response.Outcome);
                latency.RecordSince(started);
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        // Let the GC settle what the requests themselves allocated.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var (_, activationsAfter) = await ThisSiloAsync(cancellationToken);
        var rssAfter = ResidentBytes(pid);
        var added = Math.Max(1, activationsAfter - activationsBefore);
        var perActivation = (rssAfter - rssBefore) / (double)added;
        return new ScenarioResult($"memory of {settings.Grains:#,0} grain activations", added / elapsed.TotalSeconds, "activations/s",
            latency.Summarize(), outcomes.Snapshot(), new Dictionary<string, double>
            {
                ["activations_before"] = activationsBefore,
                ["activations_after"] = activationsAfter,
                ["rss_before_mb"] = Math.Round(rssBefore / 1048576.0, 1),
                ["rss_after_mb"] = Math.Round(rssAfter / 1048576.0, 1),
                ["rss_bytes_per_activation"] = Math.Round(perActivation),
                ["rss_mb_per_100k_activations"] = Math.Round(perActivation * 100_000 / 1048576.0, 1),
            });
    }

    private async Task<(int ProcessId, int Activations)> ThisSiloAsync(CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(HttpMethod.Get, "/v1/admin/silos", settings.AdminToken, cancellationToken: cancellationToken);
        if (response.Status != 200)
        {
            throw new BenchFailure($"GET /v1/admin/silos answered {response.Status}; is FRAMECAST_ADMIN_TOKEN the API's?\n{response.Body}");
        }
        using var document = JsonDocument.Parse(response.Body);
        var self = document.RootElement.GetProperty("this_silo").GetString();
        var silo = document.RootElement.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("address").GetString() == self);
        return (silo.GetProperty("process_id").GetInt32(), silo.GetProperty("activations").GetInt32());
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            ?? throw new BenchFailure($"/proc/{pid}/status has no VmRSS line: is the API on this machine?");
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
