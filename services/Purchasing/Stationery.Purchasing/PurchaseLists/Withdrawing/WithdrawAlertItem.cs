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

/// <summary>Any alert that closes (whatever the reason: restocked, ordered, policy removed) withdraws the alert's line, as before.</summary>
public sealed class StockAlertResolvedConsumer(IDocumentStore store, TimeProvider clock, ILogger<StockAlertResolvedConsumer> log)
    : IdempotentConsumer<StockAlertChanged>(store, log)
{
    protected override Task Apply(IDocumentSession session, StockAlertChanged m, ConsumeContext<StockAlertChanged> context) =>
        m.State != StockAlertState.Resolved ? Task.CompletedTask : session.Decide<PurchaseList>(PurchaseList.StreamId(m.BranchId),
            list => WithdrawAlertItem.Decide(list, m.Sku, clock.GetUtcNow()), context.CancellationToken);
}
