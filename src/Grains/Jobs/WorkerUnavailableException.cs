namespace Framecast.Grains.Jobs;

/// <summary>
/// The worker backend could not be reached or answered with an error for now; the job grain tries
/// again at its next tick. Backends translate their transport's failures into this, so grains
/// depend on no HTTP type.
/// </summary>
public sealed class WorkerUnavailableException(string message, Exception inner) : Exception(message, inner);
