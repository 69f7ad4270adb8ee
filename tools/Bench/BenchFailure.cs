namespace Framecast.Bench;

/// <summary>The benchmark cannot go on; the message says why and what to do.</summary>
public sealed class BenchFailure(string message) : Exception(message);
