using Marten;
using MassTransit;
using Stationery.Contracts.Chat;
using Stationery.Hosting.Messaging;
using Stationery.Inventory.Alerts;
using Stationery.Inventory.Catalogue;

namespace Stationery.Inventory.Stock.Observing;

/// <summary>
/// 聊天报数 → 对账: a shelf count someone reported in chat is compared with the books. The books do not change (a report
/// is not a count until someone allowed to adjust says so); the observation is recorded on the stock stream, so the ledger
/// shows it and the comparison is published through the outbox like every other fact.
/// </summary>
public sealed record CompareChatReport(string Branch, ProductFacts Product, int Reported, int? Suggested, string ChannelId,
    string ChatMessageId, string ReplyMessageId, Recorder Recorder)
{
    public static IReadOnlyList<object> Decide(StockItem? state, CompareChatReport c, DateTimeOffset now) =>
        StockStream.Change(state, c.Branch, c.Product, now, s =>
        [
            new StockObserved(c.Branch, s.Sku, s.Product.Name, s.Product.Spec, s.Product.Unit, c.Reported, s.OnHand, s.OnOrder, s.InTransit, c.Suggested,
                s.ReorderPoint is null ? null : LowStockRule.SuggestedQuantity(s), c.ChannelId, c.ChatMessageId, c.ReplyMessageId,
                c.Recorder.By, now),
        ]);
}

public sealed class StockReportedInChatConsumer(IDocumentStore store, TimeProvider clock, ILogger<StockReportedInChatConsumer> log)
    : IdempotentConsumer<StockReportedInChat>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StockReportedInChat m, ConsumeContext<StockReportedInChat> context)
    {
        var ct = context.CancellationToken;
        if (await session.LoadAsync<Product>(Product.StreamId(m.Sku), ct) is not { } product)
        {
            log.LogWarning("A stock report in chat names sku {Sku}, which is not in the catalogue; not compared", m.Sku);
            return;
        }
        var command = new CompareChatReport(m.BranchId, ProductFacts.From(product), Math.Max(m.ReportedOnHand, 0), m.SuggestedQuantity,
            m.ChannelId, m.ChatMessageId, m.ReplyMessageId, new Recorder(m.ReportedBy, $"chat:{m.ChatMessageId}"));
        var now = clock.GetUtcNow();
        await session.DecideStock(m.BranchId, m.Sku, s => CompareChatReport.Decide(s, command, now), ct);
    }
}
