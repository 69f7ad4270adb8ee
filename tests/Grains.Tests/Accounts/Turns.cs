using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Grains.Tests.Accounts;

/// <summary>The runtime's contract in miniature: one turn at a time per grain, and on a version conflict a fresh
/// activation (OnActivateAsync reloads) and a retry.</summary>
public sealed class Turns<TGrain>(Func<TGrain> create, Guid key) where TGrain : Grain
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private TGrain? _activation;

    public async Task<T> Call<T>(Func<TGrain, Task<T>> call)
    {
        await _turn.WaitAsync();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await call(await ActivationAsync());
                }
                catch (GrainStateConflictException) when (attempt < 5)
                {
                    _activation = null;
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public Task Call(Func<TGrain, Task> call) => Call(async g =>
    {
        await call(g);
        return true;
    });

    private async Task<TGrain> ActivationAsync()
    {
        if (_activation is null)
        {
            var grain = create();
            grain.Attach(new Context(new GrainId(typeof(TGrain).Name, key.ToString("D"))));
            await grain.OnActivateAsync(CancellationToken.None);
            _activation = grain;
        }
        return _activation;
    }

    private sealed class Context(GrainId id) : IGrainContext
    {
        public GrainId GrainId => id;
        public IGrainFactory GrainFactory => throw new NotSupportedException();
        public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive = false) => throw new NotSupportedException();
        public Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan? period) => Task.CompletedTask;
        public Task UnregisterReminder(string name) => Task.CompletedTask;
        public void DeactivateOnIdle() { }
    }
}
