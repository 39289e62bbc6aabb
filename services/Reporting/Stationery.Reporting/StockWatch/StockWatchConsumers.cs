using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Reporting.StockWatch;

/// <summary>
/// Inventory's stock and alert events → Reporting's own events, each on a stream named after the message it came from (so
/// concurrent consumers never contend for a stream); the <see cref="StockWatchProjection"/> turns them into the reorder and
/// slow-mover lists of the reports.
/// </summary>
public static class StockWatchStream
{
    public static string Id(Guid messageId) => $"stock:{messageId}";

    public static void Record<T>(IDocumentSession session, ConsumeContext<T> context, object fact) where T : class =>
        session.Events.StartStream(Id(context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId.")), fact);
}

/// <summary>
/// An alert with a reorder point that opens (低库存, or 缺货 straight away) opens the report's finding; any other change is a
/// reading of the shelf (a 缺货 after 低库存 is zero on hand, the finding stays open); one that closes closes it.
/// </summary>
public sealed class StockAlertChangedConsumer(IDocumentStore store, ILogger<StockAlertChangedConsumer> log) : IdempotentConsumer<StockAlertChanged>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockAlertChanged m, ConsumeContext<StockAlertChanged> context)
    {
        object fact = m switch
        {
            { State: StockAlertState.Resolved } => new LowStockClosed(m.BranchId, m.Sku, m.OnHand, m.OccurredAt),
            { ReorderPoint: { } point } when m.Opens() => new LowStockOpened(m.BranchId, m.Sku, m.ProductName, m.Spec, m.Unit, m.OnHand, point,
                m.SuggestedQuantity ?? 0, m.OccurredAt),
            _ => new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt),
        };
        StockWatchStream.Record(session, context, fact);
        return Task.CompletedTask;
    }
}

/// <summary>Receipts come in bulk with a seeded history, so they are taken in batches.</summary>
public sealed class StockReceivedConsumer(IDocumentStore store, ILogger<StockReceivedConsumer> log) : IdempotentBatchConsumer<StockReceived>(store, log)
{
    protected override Task Apply(IDocumentSession session, IReadOnlyList<Delivery<StockReceived>> receipts, CancellationToken ct)
    {
        foreach (var (messageId, m) in receipts)
            session.Events.StartStream(StockWatchStream.Id(messageId), new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class StockReceivedConsumerDefinition : ConsumerDefinition<StockReceivedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<StockReceivedConsumer> consumer,
        IRegistrationContext context) => Batching.Configure(consumer);
}

public sealed class StockAdjustedConsumer(IDocumentStore store, ILogger<StockAdjustedConsumer> log) : IdempotentConsumer<StockAdjusted>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockAdjusted m, ConsumeContext<StockAdjusted> context)
    {
        StockWatchStream.Record(session, context, new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class StockReturnedToSupplierConsumer(IDocumentStore store, ILogger<StockReturnedToSupplierConsumer> log)
    : IdempotentConsumer<StockReturnedToSupplier>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockReturnedToSupplier m, ConsumeContext<StockReturnedToSupplier> context)
    {
        StockWatchStream.Record(session, context, new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class SlowMoverDetectedConsumer(IDocumentStore store, ILogger<SlowMoverDetectedConsumer> log) : IdempotentConsumer<SlowMoverDetected>(store, log)
{
    protected override Task Apply(IDocumentSession session, SlowMoverDetected m, ConsumeContext<SlowMoverDetected> context)
    {
        StockWatchStream.Record(session, context, new SlowMoverFound(m.BranchId, m.Sku, m.ProductName, m.Spec, m.Unit, m.OnHand,
            m.DaysWithoutSale, m.LastSoldAt, m.AgeingBracket, m.SellThrough, m.OccurredAt));
        return Task.CompletedTask;
    }
}
