using System.Collections.Concurrent;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Testing;
using Domain = Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Api;

/// <summary>
/// Refuses the first publish of every ItemsSold and StockAlertChanged, as a broker that drops a connection would.
/// Messages are recognised by content (contracts are records): the bus-wide publish pipe runs before the outbox's
/// per-message callback has set the MessageId.
/// </summary>
public sealed class FlakyBroker
{
    private readonly ConcurrentDictionary<object, int> attempts = new();

    /// <summary>Messages whose first publish was refused.</summary>
    public int Refused => attempts.Count;

    public void OnPublish(PublishContext context)
    {
        object? message = context switch
        {
            PublishContext<ItemsSold> sold => sold.Message,
            PublishContext<StockAlertChanged> alert => alert.Message,
            _ => null,
        };
        if (message is not null && attempts.AddOrUpdate(message, 1, (_, n) => n + 1) == 1)
            throw new InvalidOperationException($"Injected broker failure for {message}");
    }
}

public sealed class FlakyBrokerHost : InventoryHost
{
    public FlakyBroker Broker { get; } = new();

    protected override ServiceFactory<InventoryService> CreateService(IsolatedServers servers) => new Factory(servers, Broker);

    private sealed class Factory(IsolatedServers servers, FlakyBroker broker) : ServiceFactory<InventoryService>(servers)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureOutboxBus(bus =>
                bus.ConfigurePublish(publish => publish.UseExecute(broker.OnPublish))));
        }
    }
}

public sealed class PublishingThroughTheOutbox(FlakyBrokerHost host) : IClassFixture<FlakyBrokerHost>
{
    private sealed record Delivery(string Type, Guid MessageId, string Sku);

    [Fact]
    public async Task A_sale_publishes_ItemsSold_and_one_StockAlertChanged_once_per_message_id_even_when_the_first_publish_fails()
    {
        var deliveries = new ConcurrentQueue<Delivery>();
        var alerts = new ConcurrentQueue<StockAlertChanged>();
        var probe = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(host.Servers.RabbitMq));
            cfg.ReceiveEndpoint("inventory-tests-probe", e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Bind("stationery.inventory.items-sold");
                e.Bind("stationery.inventory.stock-alert-changed");
                e.Handler<ItemsSold>(c => Record(nameof(ItemsSold), c, c.Message.Sku));
                e.Handler<StockAlertChanged>(c =>
                {
                    alerts.Enqueue(c.Message);
                    return Record(nameof(StockAlertChanged), c, c.Message.Sku);
                });
            });
        });
        Task Record(string type, ConsumeContext context, string sku)
        {
            deliveries.Enqueue(new Delivery(type, context.MessageId!.Value, sku));
            return Task.CompletedTask;
        }
        await probe.StartAsync();
        try
        {
            var owner = host.Owner();
            var sku = await owner.RegisterAsync($"OB-{Guid.NewGuid():N}"[..16]);
            await (await owner.PolicyAsync("main", sku, reorderPoint: 5)).ShouldBe(200);
            await (await owner.ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);
            await (await host.Clerk().SellAsync("main", "POS-1", (sku, 6))).ShouldBe(200);
            await (await host.Clerk().SellAsync("main", "POS-2", (sku, 1))).ShouldBe(200);

            // The event ids in the store are the message ids the outbox must publish: 2 sales, 1 alert.
            await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
            var stored = (await session.Events.FetchStreamAsync(Domain.StockItem.StreamId("main", sku)))
                .Where(e => e.Data is Domain.ItemsSold or Domain.StockAlertChanged)
                .Select(e => (Type: e.Data.GetType().Name, e.Id, e.Version))
                .ToList();
            stored.Count(e => e.Type == nameof(ItemsSold)).ShouldBe(2);
            stored.Count(e => e.Type == nameof(StockAlertChanged)).ShouldBe(1);

            var seen = await Probe.Until(() => Task.FromResult(deliveries.Where(d => d.Sku == sku).ToList()),
                d => stored.All(s => d.Any(x => x.MessageId == s.Id)), TimeSpan.FromSeconds(60), "every event to be delivered");

            host.Broker.Refused.ShouldBeGreaterThanOrEqualTo(3, "each of the three first publishes was refused and retried");
            var distinct = seen.Select(d => (d.Type, d.MessageId)).Distinct().OrderBy(d => d.MessageId).ToArray();
            distinct.ShouldBe(stored.OrderBy(s => s.Id).Select(s => (s.Type, s.Id)).ToArray(), "one message id per event, and it is the event's id");
            var alert = alerts.First(a => a.Sku == sku);
            (alert.State, alert.Previous, alert.OnHand, alert.ReorderPoint).ShouldBe((StockAlertState.Low, StockAlertState.Resolved, 4, (int?)5));
            alert.Version.ShouldBe(stored.Single(s => s.Type == nameof(StockAlertChanged)).Version, "the alert's version is the stock stream's");
        }
        finally
        {
            await probe.StopAsync();
        }
    }
}
