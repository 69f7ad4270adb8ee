namespace Framecast.Silo.Hosting;

/// <summary>Who this silo is in the cluster: a fresh id per process start.</summary>
public sealed record SiloIdentity(Guid Id, string Host, int ProcessId)
{
    public static SiloIdentity New() => new(Guid.NewGuid(), Environment.MachineName, Environment.ProcessId);
}
