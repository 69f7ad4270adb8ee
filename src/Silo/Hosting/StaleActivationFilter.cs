using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Framecast.Silo.Hosting;

/// <summary>
/// A store's version check failed: another activation of the same grain (Orleans' rare duplicate)
/// wrote first. This activation's state is stale, so it is dropped, and the caller gets a 409 it can
/// retry; the next call activates the grain afresh from the rows.
/// </summary>
public sealed class StaleActivationFilter(ILogger<StaleActivationFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (StaleStateException stale)
        {
            logger.LogWarning("Dropping the activation of {Grain}: {Row} moved past version {Version}", context.TargetId, stale.Row, stale.ExpectedVersion);
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "its state changed elsewhere"));
            throw new DomainException(ErrorCodes.ConcurrentModification, "The resource changed concurrently; retry the request.");
        }
    }
}
