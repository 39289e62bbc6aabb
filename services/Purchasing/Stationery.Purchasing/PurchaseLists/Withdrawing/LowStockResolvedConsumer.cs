using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;

namespace Stationery.Purchasing.PurchaseLists.Withdrawing;

/// <summary>
/// Stock recovered without an order (a transfer, a found box, a corrected count): the line the alert put on the list
/// leaves it. Lines people added stay; they asked for them. So do alert lines a buyer has edited: the quantity or supplier
/// is now theirs.
/// </summary>
public static class WithdrawAlertItem
{
    public static IReadOnlyList<object> Decide(PurchaseList? list, string sku, DateTimeOffset now) =>
        list is null
            ? []
            : list.Items.Where(i => i.Sku == sku && i.Source == ItemSource.Alert && i.EditedBy is null)
                .Select(i => (object)new PurchaseListItemWithdrawn(list.Branch, i.ItemId, sku, "库存已恢复 (stock recovered)", now))
                .ToList();
}

public sealed class LowStockResolvedConsumer(IDocumentStore store, TimeProvider clock, ILogger<LowStockResolvedConsumer> log)
    : IdempotentConsumer<LowStockResolved>(store, log)
{
    protected override Task Apply(IDocumentSession session, LowStockResolved m, ConsumeContext<LowStockResolved> context) =>
        session.Decide<PurchaseList>(PurchaseList.StreamId(m.BranchId),
            list => WithdrawAlertItem.Decide(list, m.Sku, clock.GetUtcNow()), context.CancellationToken);
}
