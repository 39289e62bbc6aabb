using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Reporting.StockWatch;

/// <summary>
/// Inventory's stock and alert events → Reporting's own events on the branch's stock-watch stream; the
/// <see cref="StockWatchProjection"/> turns them into the reorder and slow-mover lists of the reports.
/// </summary>
public static class StockWatchStream
{
    public static string Id(string branch) => $"stock-watch:{branch}";
}

public sealed class LowStockDetectedConsumer(IDocumentStore store, ILogger<LowStockDetectedConsumer> log) : IdempotentConsumer<LowStockDetected>(store, log)
{
    protected override Task Apply(IDocumentSession session, LowStockDetected m, ConsumeContext<LowStockDetected> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new LowStockOpened(m.BranchId, m.Sku, m.ProductName, m.Spec, m.Unit, m.OnHand,
            m.ReorderPoint, m.SuggestedQuantity, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class LowStockResolvedConsumer(IDocumentStore store, ILogger<LowStockResolvedConsumer> log) : IdempotentConsumer<LowStockResolved>(store, log)
{
    protected override Task Apply(IDocumentSession session, LowStockResolved m, ConsumeContext<LowStockResolved> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new LowStockClosed(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class OutOfStockConsumer(IDocumentStore store, ILogger<OutOfStockConsumer> log) : IdempotentConsumer<OutOfStock>(store, log)
{
    protected override Task Apply(IDocumentSession session, OutOfStock m, ConsumeContext<OutOfStock> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new StockCounted(m.BranchId, m.Sku, 0, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class StockReceivedConsumer(IDocumentStore store, ILogger<StockReceivedConsumer> log) : IdempotentConsumer<StockReceived>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockReceived m, ConsumeContext<StockReceived> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class StockAdjustedConsumer(IDocumentStore store, ILogger<StockAdjustedConsumer> log) : IdempotentConsumer<StockAdjusted>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockAdjusted m, ConsumeContext<StockAdjusted> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class StockReturnedToSupplierConsumer(IDocumentStore store, ILogger<StockReturnedToSupplierConsumer> log)
    : IdempotentConsumer<StockReturnedToSupplier>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockReturnedToSupplier m, ConsumeContext<StockReturnedToSupplier> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new StockCounted(m.BranchId, m.Sku, m.OnHand, m.OccurredAt));
        return Task.CompletedTask;
    }
}

public sealed class SlowMoverDetectedConsumer(IDocumentStore store, ILogger<SlowMoverDetectedConsumer> log) : IdempotentConsumer<SlowMoverDetected>(store, log)
{
    protected override Task Apply(IDocumentSession session, SlowMoverDetected m, ConsumeContext<SlowMoverDetected> context)
    {
        session.Events.Append(StockWatchStream.Id(m.BranchId), new SlowMoverFound(m.BranchId, m.Sku, m.ProductName, m.Spec, m.Unit, m.OnHand,
            m.DaysWithoutSale, m.LastSoldAt, m.AgeingBracket, m.SellThrough, m.OccurredAt));
        return Task.CompletedTask;
    }
}
