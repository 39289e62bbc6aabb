using MassTransit;
using Microsoft.Extensions.Logging;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// A message that still fails after every retry is parked in its queue's <c>_error</c> queue by MassTransit; this observer
/// reports it loudly (and counts it for <c>/health/ready</c> details) so it is never silently dropped.
/// </summary>
public sealed class FaultReporter(ILogger<FaultReporter> log) : IConsumeObserver
{
    private long parked;

    public long Parked => Interlocked.Read(ref parked);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        var attempt = context.GetRetryAttempt();
        if (attempt >= 5 || exception is not JasperFx.ConcurrencyException)
        {
            Interlocked.Increment(ref parked);
            log.LogError(exception, "Message {MessageId} of type {Type} failed on {Queue} (attempt {Attempt}); after the last retry it is parked in the _error queue",
                context.MessageId, typeof(T).Name, context.ReceiveContext.InputAddress, attempt);
        }
        return Task.CompletedTask;
    }
}
