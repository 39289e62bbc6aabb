using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Stationery.Hosting.Messaging;

namespace Stationery.Faults.Tests;

/// <summary>
/// F5 (poison event): an event the service's map cannot translate is dead-lettered on its own and the events around it are
/// still forwarded; before, the whole page threw, the daemon retried it for ever and every integration event of the
/// service stopped behind it.
/// </summary>
[Trait("Category", "FaultSmoke")]
public sealed class PoisonEventInTheOutbox
{
    [Fact]
    public async Task F5_转换失败的事件单独进入死信_前后的事件照常发布()
    {
        await using var provider = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var forwarder = new OutboxForwarder(new PoisonAware(), OutboxPublisher.Over(harness.Bus), NullLogger<OutboxForwarder>.Instance);
        var controller = new Controller();

        IEvent[] events = [Event(1, "甲"), Event(2, "毒"), Event(3, "乙")];
        (await forwarder.ForwardAsync(events, controller, CancellationToken.None)).ShouldBe(2);

        controller.DeadLetters.Select(d => d.Event.Sequence).ShouldBe([2L]);
        controller.DeadLetters.Single().Error.Message.ShouldContain("毒");
        (await harness.Published.SelectAsync<Forwarded>().Select(p => p.Context.Message.Text).ToListAsync())
            .ShouldBe(["甲", "乙"], ignoreOrder: true);
    }

    private static IEvent Event(long sequence, string text) =>
        new JasperFx.Events.Event<Recorded>(new Recorded(text)) { Sequence = sequence, Id = Guid.NewGuid(), StreamKey = "s-1" };

    public sealed record Recorded(string Text);

    public sealed record Forwarded(string Text);

    private sealed class PoisonAware : IIntegrationEventMap
    {
        public object? Map(IEvent e) => e.Data is Recorded { Text: "毒" } r
            ? throw new InvalidOperationException($"no contract for {r.Text}")
            : new Forwarded(((Recorded)e.Data).Text);
    }

    private sealed class Controller : ISubscriptionController
    {
        public List<(IEvent Event, Exception Error)> DeadLetters { get; } = [];

        public ShardExecutionMode Mode => ShardExecutionMode.Continuous;
        public ShardName Name { get; } = new("outbox");
        public AsyncOptions Options { get; } = new();
        public ErrorHandlingOptions ErrorOptions { get; } = new();
        public ValueTask MarkSuccessAsync(long processedCeiling) => ValueTask.CompletedTask;
        public Task ReportCriticalFailureAsync(Exception ex) => throw ex;
        public Task ReportCriticalFailureAsync(Exception ex, long lastProcessed) => throw ex;

        public Task RecordDeadLetterEventAsync(IEvent e, Exception ex)
        {
            DeadLetters.Add((e, ex));
            return Task.CompletedTask;
        }
    }
}
