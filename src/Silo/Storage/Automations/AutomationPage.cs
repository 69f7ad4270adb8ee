namespace Framecast.Silo.Storage.Automations;

/// <summary>A page of rows and the cursor of the next, or null after the last.</summary>
public sealed record AutomationPage<T>(IReadOnlyList<T> Items, string? NextCursor);
