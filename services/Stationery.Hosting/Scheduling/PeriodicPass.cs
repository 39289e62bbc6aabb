using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stationery.Hosting.Scheduling;

/// <summary>
/// The one way a service runs a recurring pass (daily slow movers, evening reports): every replica ticks on the injected
/// clock once the application has started; <see cref="RunOnceAsync"/> itself makes the work happen once (a mark or a
/// stream start that only one replica can commit). A failing tick is logged and retried on the next one.
/// </summary>
public abstract class PeriodicPass(IHostApplicationLifetime lifetime, TimeProvider clock, ILogger log) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Log { get; } = log;

    /// <summary>Time between ticks.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the pass is called in the log.</summary>
    protected abstract string Name { get; }

    /// <summary>False switches the pass off (tests drive <see cref="RunOnceAsync"/> themselves).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Waits for whatever must be in place before the first tick (e.g. the demo seed).</summary>
    protected virtual Task BeforeFirstTickAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Does whatever is due now; returns how much it did.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await BeforeFirstTickAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LogError(e, "The {Pass} failed; it runs again in {Interval}", Name, Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
