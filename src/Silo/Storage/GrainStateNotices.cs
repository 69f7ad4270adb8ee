using Dapper;
using Framecast.Grains.Abstractions.Runtime;
using Npgsql;

namespace Framecast.Silo.Storage;

/// <summary>
/// "This grain's state committed" notices. Sent with pg_notify inside the writing transaction, so
/// they go out only if it commits; other silos then reload their activation before its next call.
/// </summary>
public static class GrainStateNotices
{
    public const string Channel = "framecast_grain_state";

    public static Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid siloId, GrainId grainId) =>
        connection.ExecuteAsync("SELECT pg_notify(@channel, @payload)",
            new { channel = Channel, payload = Format(siloId, grainId) }, transaction);

    public static string Format(Guid siloId, GrainId grainId) => $"{siloId:N}|{grainId.Type}|{grainId.Key}";

    public static bool TryParse(string payload, out Guid siloId, out GrainId grainId)
    {
        var parts = payload.Split('|', 3);
        grainId = default;
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out siloId))
        {
            siloId = Guid.Empty;
            return false;
        }
        grainId = new GrainId(parts[1], parts[2]);
        return true;
    }
}
