using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Stationery.Contracts;
using Stationery.Hosting.Messaging;
using Stationery.Testing;

namespace Stationery.Faults.Tests;

/// <summary>
/// The inbox under races, on real PostgreSQL: two deliveries that collide while committing are told apart by the inbox row,
/// not by which document collided. A redelivery of the same message applies once; another message that collides on a
/// document of the effect runs again on what the first wrote, and both count.
/// </summary>
[Trait("Category", "FaultSmoke")]
public sealed class InboxUnderRaces : IAsyncLifetime
{
    private IsolatedServers servers = null!;
    private DocumentStore store = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.IsolateAsync("inboxraces");
        store = DocumentStore.For(o =>
        {
            o.Connection(servers.Postgres);
            o.DatabaseSchemaName = "inbox_races";
            o.Events.TenancyStyle = TenancyStyle.Conjoined;
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.Policies.AllDocumentsAreMultiTenanted();
            o.Schema.For<ProcessedMessage>();
            o.Schema.For<Tally>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        store.Dispose();
        await servers.DisposeAsync();
    }

    [Fact]
    public async Task 两条不同的消息同时写同一份文档_后提交的那条重跑_两条都生效()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var tally = await DeliverTogether("shelf-1", first, second);

        tally.Count.ShouldBe(2, "the message whose insert of the tally collided ran again and counted too");
        (await InboxRows()).ShouldBe(2);
    }

    [Fact]
    public async Task 同一条消息被同时投递两次_只生效一次()
    {
        var message = Guid.NewGuid();
        var tally = await DeliverTogether("shelf-2", message, message);

        tally.Count.ShouldBe(1, "a redelivery racing the first delivery is a duplicate");
        (await InboxRows()).ShouldBe(1);
    }

    /// <summary>Two deliveries whose first runs both read "no tally yet" before either commits (the gate holds each for the other).</summary>
    private async Task<Tally> DeliverTogether(string key, Guid firstId, Guid secondId)
    {
        var gate = new Gate();
        await using var provider = new ServiceCollection()
            .AddSingleton<IDocumentStore>(store)
            .AddSingleton(gate)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddMassTransitTestHarness(x =>
            {
                x.AddConsumer<TallyConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 4);
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConcurrentMessageLimit = 4;
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromMinutes(2);
        await harness.Start();
        var handled = new Handled();
        using var observing = harness.Bus.ConnectConsumeObserver(handled);

        await harness.Bus.Publish(new Tallied("race", key, DateTimeOffset.UtcNow), c => c.MessageId = firstId);
        await harness.Bus.Publish(new Tallied("race", key, DateTimeOffset.UtcNow), c => c.MessageId = secondId);

        await Probe.Until(() => Task.FromResult(gate.Met), what: "both first runs read the tally before either committed");
        await Probe.Until(() => Task.FromResult(handled.Done + handled.Failed >= 2), what: "both deliveries handled");
        handled.Failed.ShouldBe(0, string.Join("\n", handled.Faults));

        await using var session = store.QuerySession("race");
        return (await session.LoadAsync<Tally>(key)).ShouldNotBeNull();
    }

    private async Task<int> InboxRows()
    {
        await using var session = store.QuerySession("race");
        return await session.Query<ProcessedMessage>().CountAsync();
    }

    /// <summary>Deliveries the consumer finished, and those it failed (a redelivery of the same id counts again).</summary>
    private sealed class Handled : IConsumeObserver
    {
        private int done, failed;
        public int Done => Volatile.Read(ref done);
        public int Failed => Volatile.Read(ref failed);
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class { Interlocked.Increment(ref done); return Task.CompletedTask; }
        public System.Collections.Concurrent.ConcurrentQueue<string> Faults { get; } = new();
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            Faults.Enqueue(exception.ToString());
            Interlocked.Increment(ref failed);
            return Task.CompletedTask;
        }
    }

    public sealed record Tallied(string TenantId, string Key, DateTimeOffset OccurredAt) : IIntegrationEvent;

    public sealed record Tally(string Id, int Count);

    /// <summary>Holds the first two runs until both have arrived (without blocking a thread); every later run passes at once.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public bool Met => both.Task.IsCompleted;

        public async Task Meet(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref arrived);
            if (n > 2) return;
            if (n == 2) both.TrySetResult();
            await both.Task.WaitAsync(TimeSpan.FromMinutes(1), ct);
        }
    }

    public sealed class TallyConsumer(IDocumentStore store, ILogger<TallyConsumer> log, Gate gate) : IdempotentConsumer<Tallied>(store, log)
    {
        protected override async Task Apply(IDocumentSession session, Tallied message, ConsumeContext<Tallied> context)
        {
            var tally = await session.LoadAsync<Tally>(message.Key, context.CancellationToken);
            await gate.Meet(context.CancellationToken);
            if (tally is null) session.Insert(new Tally(message.Key, 1));
            else session.Update(tally with { Count = tally.Count + 1 });
        }
    }
}
