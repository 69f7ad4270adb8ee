using System.Globalization;

namespace Framecast.Api.Tests.Fuzz;

/// <summary>
/// How long and how hard the fuzzer runs, from the environment: FUZZ_SEED (the System.Random seed; the same seed
/// replays the same requests), FUZZ_SECONDS and FUZZ_REQUESTS (per run; it stops at whichever comes first).
/// The defaults keep a CI run short.
/// </summary>
public sealed record FuzzSettings(int Seed, TimeSpan Duration, int Requests)
{
    public static FuzzSettings FromEnvironment() => new(
        Read("FUZZ_SEED", 20261202),
        TimeSpan.FromSeconds(Read("FUZZ_SECONDS", 25)),
        Read("FUZZ_REQUESTS", 2500));

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;
}
