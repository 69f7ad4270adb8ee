using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Grains.Automations;

/// <summary>An automation row as its grain holds it: the secret (webhook automations), the version, and
/// <see cref="ScheduleFrom"/>, when its current run began (create, or enabled again, or its trigger changed): no schedule
/// occurrence at or before it fires, and the failure streak counts only executions after it.</summary>
public sealed record AutomationSnapshot(AutomationRecord Automation, string? Secret, DateTimeOffset ScheduleFrom, long Version);
