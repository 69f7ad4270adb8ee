namespace Framecast.Grains.Abstractions.Automations;

/// <summary>Deletes executions past their 30 days and accepted hook signatures past the replay window, and has the grains
/// of executions left pending by a dead silo admit them again. One per cluster.</summary>
[Alias("framecast.IAutomationSweepGrain")]
public interface IAutomationSweepGrain : Sweeps.IClusterSweepGrain, IRemindable
{
}
