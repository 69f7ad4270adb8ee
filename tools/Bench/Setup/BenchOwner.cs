namespace Framecast.Bench.Setup;

/// <summary>A fresh creator the benchmark made, with the token it calls as and its personal owner URN.</summary>
public sealed record BenchOwner(Guid UserId, string Token)
{
    public string Urn => $"framecast:user:{UserId:D}";
}
