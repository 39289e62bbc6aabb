using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Reporting.Branches;

namespace Stationery.Reporting.Sales;

/// <summary>
/// One sale line as Reporting keeps it: appended to the branch-day's stream (<see cref="StreamId"/>), the day being the
/// branch's own calendar day of <see cref="SoldAt"/>. The read models are projections of these events, so
/// <c>./stationery rebuild reporting</c> rebuilds them.
/// </summary>
/// <param name="OnHand">Inventory's on-hand quantity after the sale.</param>
/// <param name="RecordedAt">When Inventory recorded it (orders on-hand readings).</param>
public sealed record SaleRecorded(string Branch, string Sku, int Quantity, decimal UnitPrice, string Reference, DateTimeOffset SoldAt,
    DateOnly Day, int OnHand, DateTimeOffset RecordedAt)
{
    public decimal Amount => Quantity * UnitPrice;

    public static string StreamId(string branch, DateOnly day) => $"sales:{branch}:{day:yyyy-MM-dd}";
}

/// <summary>
/// Inventory's <see cref="ItemsSold"/> → <see cref="SaleRecorded"/> on the day the sale took place at the branch (a sale at
/// 23:50 in Shanghai belongs to that day there, whatever the UTC date). The branch's zone comes from its copy; China time
/// until the branch's opening arrives.
/// </summary>
public sealed class ItemsSoldConsumer(IDocumentStore store, ILogger<ItemsSoldConsumer> log) : IdempotentConsumer<ItemsSold>(store, log)
{
    protected override async Task Apply(IDocumentSession session, ItemsSold sold, ConsumeContext<ItemsSold> context)
    {
        var branch = await session.LoadAsync<BranchCopy>(sold.BranchId, context.CancellationToken);
        var day = BranchCalendar.Day(sold.SoldAt, BranchCalendar.Zone(branch?.TimeZone));
        session.Events.Append(SaleRecorded.StreamId(sold.BranchId, day), new SaleRecorded(sold.BranchId, sold.Sku, sold.Quantity,
            sold.UnitPrice, sold.Reference, sold.SoldAt, day, sold.OnHand, sold.OccurredAt));
    }
}
