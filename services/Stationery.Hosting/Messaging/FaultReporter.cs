using MassTransit;
using Microsoft.Extensions.Logging;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// A message that still fails after every retry is parked in its queue's <c>_error</c> queue by MassTransit; this observer
/// reports it loudly (and counts it for <c>/health/ready</c> details) so it is never silently dropped.
/// MassTransit tells a consume observer of a fault once per delivery, after its retries (<see cref="PlatformRetry.Intervals"/>)
/// have given up — the retry filter holds the earlier faults back, so the observer sees retry attempt 0 — which makes every
/// fault reported here a parked message, whatever the exception. That includes a write conflict: it reaches MassTransit
/// only after <see cref="IdempotentConsumer{T}"/> has run the message <see cref="PlatformRetry.ConflictAttempts"/> times, and
/// then it has had every chance (it used to be left out of the count, so parked conflicts went unreported).
/// </summary>
public sealed class FaultReporter(ILogger<FaultReporter> log) : IConsumeObserver
{
    private long parked;

    public long Parked => Interlocked.Read(ref parked);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Interlocked.Increment(ref parked);
        log.LogError(exception, "Message {MessageId} of type {Type} failed on {Queue} after {Retries} retries{Conflict}; it is parked in the _error queue",
            context.MessageId, typeof(T).Name, context.ReceiveContext.InputAddress, PlatformRetry.Intervals.Length,
            PlatformRetry.IsConflict(exception) ? $" (a write conflict, each retry run {PlatformRetry.ConflictAttempts} times)" : "");
        return Task.CompletedTask;
    }
}
