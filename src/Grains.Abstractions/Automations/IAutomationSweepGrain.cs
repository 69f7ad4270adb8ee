namespace Framecast.Grains.Abstractions.Automations;

/// <summary>Deletes executions past their 30 days and accepted hook signatures past the replay window. One per cluster.</summary>
[Alias("framecast.IAutomationSweepGrain")]
public interface IAutomationSweepGrain : Sweeps.IClusterSweepGrain, IRemindable
{
}
