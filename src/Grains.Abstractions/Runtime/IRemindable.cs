namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>A grain that receives durable reminders. Reminders survive silo restarts.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, ReminderTick tick);
}

public sealed record ReminderTick(DateTimeOffset DueAt, DateTimeOffset FiredAt, TimeSpan? Period);
