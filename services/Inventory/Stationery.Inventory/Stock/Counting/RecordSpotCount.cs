using Marten;
using MassTransit;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Inventory.Catalogue;
using Contract = Stationery.Contracts.Inventory;

namespace Stationery.Inventory.Stock.Counting;

/// <summary>
/// 记为盘点数量: a count pressed on a chat card becomes the books' figure — an adjustment of reason <c>count</c> by
/// counted − on hand (none when they agree), its source the card's message — and the outcome is recorded for the card.
/// </summary>
public sealed record RecordSpotCount(string Branch, ProductFacts Product, int Counted, string ChatMessageId, Recorder Recorder)
{
    /// <summary>The permission a spot count from chat needs (Chat checked it when the button was pressed; checked again here).</summary>
    public const string Permission = "stock.record";

    public static IReadOnlyList<object> Decide(StockItem? state, RecordSpotCount c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
        {
            var delta = c.Counted - s.OnHand;
            IEnumerable<object> adjustment = delta == 0
                ? []
                : [new StockAdjusted(c.Branch, s.Sku, delta, AdjustmentReason.Count, "聊天盘点 spot count from chat", c.Counted,
                    c.Recorder.By, c.Recorder.Source, now)];
            return [.. adjustment, new SpotCountRecorded(c.Branch, s.Sku, s.Product.Unit, c.Counted, delta, c.Counted, c.ChatMessageId, c.Recorder.By, now)];
        });
}

public sealed class SpotCountRequestedConsumer(IDocumentStore store, TimeProvider clock, ILogger<SpotCountRequestedConsumer> log)
    : IdempotentConsumer<Contract.SpotCountRequested>(store, log)
{
    protected override async Task Apply(IDocumentSession session, Contract.SpotCountRequested m, ConsumeContext<Contract.SpotCountRequested> context)
    {
        var ct = context.CancellationToken;
        // Chat refuses the button to other roles; a request that still arrives without the right is not acted on.
        if (!m.RequestedByRoles.Any(Permissions.Named(RecordSpotCount.Permission).Allows))
        {
            log.LogWarning("Spot count of {Sku} at {Branch} from chat message {Message} requested by {User} with roles [{Roles}]: not allowed to adjust; ignored",
                m.Sku, m.BranchId, m.ChatMessageId, m.RequestedBy, string.Join(", ", m.RequestedByRoles));
            return;
        }
        if (m.Counted < 0 || await session.LoadAsync<Product>(Product.StreamId(m.Sku), ct) is not { } product)
        {
            log.LogWarning("Spot count of {Sku} at {Branch} from chat message {Message}: unknown product or negative count {Counted}; ignored",
                m.Sku, m.BranchId, m.ChatMessageId, m.Counted);
            return;
        }
        var by = string.IsNullOrWhiteSpace(m.RequestedByName) ? m.RequestedBy : m.RequestedByName;
        var command = new RecordSpotCount(m.BranchId, ProductFacts.From(product), m.Counted, m.ChatMessageId,
            new Recorder(by, $"chat:{m.ChatMessageId}"));
        var now = clock.GetUtcNow();
        await session.DecideStock(m.BranchId, m.Sku, s => RecordSpotCount.Decide(s, command, now), ct);
    }
}
