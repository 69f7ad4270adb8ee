using Dapper;
using Npgsql;

namespace Framecast.Silo.Messaging;

/// <summary>The wire form of an event-bus message on the NOTIFY channel: "topic\npayload" (NOTIFY payloads are ≤ 8000 bytes).</summary>
public static class EventBusMessage
{
    public const string Channel = "framecast_events";

    public const int MaxPayloadBytes = 7900;

    /// <summary>Publishes inside the caller's transaction, so the message goes out only if it commits.</summary>
    public static Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string topic, string payload) =>
        connection.ExecuteAsync("SELECT pg_notify(@channel, @message)", new { channel = Channel, message = Format(topic, payload) }, transaction);

    public static string Format(string topic, string payload)
    {
        if (topic.Contains('\n'))
        {
            throw new ArgumentException("A topic has no line breaks.", nameof(topic));
        }
        var message = topic + "\n" + payload;
        if (System.Text.Encoding.UTF8.GetByteCount(message) > MaxPayloadBytes)
        {
            throw new ArgumentException("Event-bus messages carry ids, not bodies: this one is too large.", nameof(payload));
        }
        return message;
    }

    public static (string Topic, string Payload) Parse(string message)
    {
        var split = message.IndexOf('\n');
        return split < 0 ? (message, "") : (message[..split], message[(split + 1)..]);
    }
}
