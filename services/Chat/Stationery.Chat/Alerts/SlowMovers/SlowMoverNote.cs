using Marten;
using Marten.Metadata;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat.Alerts.SlowMovers;

/// <summary>
/// A slow mover (滞销品) waiting for its branch's next weekly digest. <see cref="TenantId"/> is filled in by Marten, for the
/// pass that goes over every chain.
/// </summary>
public sealed record SlowMoverNote(string Id, string Branch, string Sku, string ProductName, string Spec, string Unit, int OnHand,
    int DaysWithoutSale, string AgeingBracket, DateTimeOffset DetectedAt) : ITenanted
{
    public string? TenantId { get; set; }

    public static string IdFor(string branch, string sku) => $"{branch}|{sku}";

    /// <summary>The next sale ends the episode: a product that sold before the digest is not in it.</summary>
    public static void Sold(IDocumentSession session, string branch, string sku) => session.Delete<SlowMoverNote>(IdFor(branch, sku));
}

/// <summary>Inventory found a slow mover: it waits for the weekly digest (never an alert of its own: it is not urgent).</summary>
public sealed class SlowMoverDetectedConsumer(IDocumentStore store, ILogger<SlowMoverDetectedConsumer> log) : IdempotentConsumer<SlowMoverDetected>(store, log)
{
    protected override Task Apply(IDocumentSession session, SlowMoverDetected m, ConsumeContext<SlowMoverDetected> context)
    {
        session.Store(new SlowMoverNote(SlowMoverNote.IdFor(m.BranchId, m.Sku), m.BranchId, m.Sku, m.ProductName, m.Spec, m.Unit, m.OnHand,
            m.DaysWithoutSale, m.AgeingBracket, m.OccurredAt));
        return Task.CompletedTask;
    }
}

/// <summary>A sale ends a slow mover's episode: it leaves the coming weekly digest.</summary>
public sealed class SlowMoverSoldConsumer(IDocumentStore store, ILogger<SlowMoverSoldConsumer> log) : IdempotentConsumer<ItemsSold>(store, log)
{
    protected override Task Apply(IDocumentSession session, ItemsSold m, ConsumeContext<ItemsSold> context)
    {
        SlowMoverNote.Sold(session, m.BranchId, m.Sku);
        return Task.CompletedTask;
    }
}
