using Marten;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Reporting.Branches;

namespace Stationery.Reporting.Sales;

/// <summary>
/// One sale line as Reporting keeps it, the day being the branch's own calendar day of <see cref="SoldAt"/>. The read models
/// are projections of these events, so <c>./stationery rebuild reporting</c> rebuilds them. Each line is a stream of its own,
/// named after the message it came from (<see cref="StreamId"/>): many consumers append at once, and streams shared between
/// them (a branch-day's) only made them collide and retry.
/// </summary>
/// <param name="OnHand">Inventory's on-hand quantity after the sale.</param>
/// <param name="RecordedAt">When Inventory recorded it (orders on-hand readings).</param>
public sealed record SaleRecorded(string Branch, string Sku, int Quantity, decimal UnitPrice, string Reference, DateTimeOffset SoldAt,
    DateOnly Day, int OnHand, DateTimeOffset RecordedAt)
{
    public decimal Amount => Quantity * UnitPrice;

    public static string StreamId(Guid messageId) => $"sale:{messageId}";
}

/// <summary>
/// Inventory's <see cref="ItemsSold"/> → <see cref="SaleRecorded"/> on the day the sale took place at the branch (a sale at
/// 23:50 in Shanghai belongs to that day there, whatever the UTC date). The branch's zone comes from its copy; China time
/// until the branch's opening arrives. Sale lines come in bulk (a seeded history is tens of thousands), so they are taken
/// in batches.
/// </summary>
public sealed class ItemsSoldConsumer(IDocumentStore store, ILogger<ItemsSoldConsumer> log) : IdempotentBatchConsumer<ItemsSold>(store, log)
{
    protected override async Task Apply(IDocumentSession session, IReadOnlyList<Delivery<ItemsSold>> lines, CancellationToken ct)
    {
        var branches = (await session.LoadManyAsync<BranchCopy>(ct, lines.Select(l => l.Message.BranchId).Distinct().ToArray()))
            .ToDictionary(b => b.Id, b => b.Zone);
        foreach (var (messageId, sold) in lines)
        {
            var day = BranchCalendar.Day(sold.SoldAt, branches.GetValueOrDefault(sold.BranchId) ?? BranchCalendar.Zone(null));
            session.Events.StartStream(SaleRecorded.StreamId(messageId), new SaleRecorded(sold.BranchId, sold.Sku, sold.Quantity,
                sold.UnitPrice, sold.Reference, sold.SoldAt, day, sold.OnHand, sold.OccurredAt));
        }
    }
}

public sealed class ItemsSoldConsumerDefinition : ConsumerDefinition<ItemsSoldConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<ItemsSoldConsumer> consumer,
        IRegistrationContext context) => Batching.Configure(consumer);
}
