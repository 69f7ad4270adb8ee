using System.Collections.Concurrent;

namespace Framecast.Bench.Measurement;

/// <summary>Counts answers by kind ("201", "429 CONCURRENT_JOB_LIMIT", "exception TaskCanceledException", …).</summary>
public sealed class OutcomeCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string outcome) => _counts.AddOrUpdate(outcome, 1, (_, count) => count + 1);

    public void AddException(Exception exception) => Add($"exception {exception.GetType().Name}");

    public long this[string outcome] => _counts.GetValueOrDefault(outcome);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
}
