namespace Framecast.Grains.Jobs;

/// <summary>
/// The job cannot be submitted as it stands (an asset it references has gone since validation); retrying
/// would not help. The job grain settles it with <see cref="Failure"/>, as if the worker had reported it.
/// </summary>
public sealed class WorkerInputRejectedException(WorkerFailure failure) : Exception(failure.Message)
{
    public WorkerFailure Failure { get; } = failure;
}
