using Marten;
using MassTransit;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Inventory.Stocktakes.Opening;
using Contract = Stationery.Contracts.Inventory;

namespace Stationery.Inventory.Stocktakes.Counting;

/// <summary>
/// A count reported in the 盘点 channel (<c>[水彩本][16K][10]</c>): recorded as the reporter's line in the zone that covers the
/// product (its message id is the count id, so a redelivery counts once), or refused with the reason — either way the stream
/// records it and the card is answered (<c>StocktakeCountAnswered</c>). Permission and branch are checked again here.
/// </summary>
public static class CountingFromChat
{
    /// <summary>Why the reporter may not count here, or null.</summary>
    public static string? Refusal(Stocktake s, Contract.StocktakeCountReportedInChat m, string by)
    {
        if (!m.RequestedByRoles.Any(Permissions.Named(RecordCount.Permission).Allows))
            return $"{by} 没有盘点权限 {RecordCount.Permission} ({by} lacks the permission '{RecordCount.Permission}').";
        if (!m.RequestedByRoles.Contains(PlatformRoles.Hq) && !m.RequestedByBranches.Contains(m.BranchId))
            return $"{by} 不属于门店 {m.BranchId} ({by} does not work at branch '{m.BranchId}').";
        if (s.Branch != m.BranchId) return $"盘点 {s.Number} 不属于门店 {m.BranchId} (stocktake '{s.Number}' is another branch's).";
        if (!s.Items.TryGetValue(m.Sku, out var item))
            return $"商品 {m.Sku} 不在盘点 {s.Number} 的范围内 (sku '{m.Sku}' is not in stocktake '{s.Number}'; add it to a zone in the app).";
        var zone = s.Zone(item.Plan.ZoneId)!;
        var manages = m.RequestedByRoles.Any(Permissions.Named(OpenStocktake.Permission).Allows);
        if (!manages && !zone.IsCounter(m.RequestedBy))
            return $"{item.Plan.Name} 属于 {zone.Plan.Name}，{by} 不是它的盘点人 ({by} is not a counter of zone '{zone.Id}', which holds sku '{m.Sku}').";
        if (m.Counted < 0) return "数量不能为负 (a count must not be negative).";
        return null;
    }
}

public sealed class StocktakeCountReportedInChatConsumer(IDocumentStore store, TimeProvider clock,
    ILogger<StocktakeCountReportedInChatConsumer> log) : IdempotentConsumer<Contract.StocktakeCountReportedInChat>(store, log)
{
    protected override async Task Apply(IDocumentSession session, Contract.StocktakeCountReportedInChat m,
        ConsumeContext<Contract.StocktakeCountReportedInChat> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var streamId = Stocktake.StreamId(m.StocktakeId);
        var (s, _) = await session.Load<Stocktake, StocktakeSnapshot>(streamId, ct);
        if (s is null)
        {
            log.LogWarning("Count of {Sku} in chat message {Message}: no stocktake {Stocktake}; ignored", m.Sku, m.ChatMessageId, m.StocktakeId);
            return;
        }
        var by = string.IsNullOrWhiteSpace(m.RequestedByName) ? m.RequestedBy : m.RequestedByName;
        StocktakeCountRefused Refuse(string why) => new(s.Number, s.Branch, m.Sku, m.Counted, why, by, m.ChatMessageId, m.ReplyMessageId, now);
        if (CountingFromChat.Refusal(s, m, by) is { } refusal)
        {
            await session.Decide<Stocktake, StocktakeSnapshot>(streamId, _ => [Refuse(refusal)], ct);
            return;
        }
        var zone = s.Items[m.Sku].Plan.ZoneId;
        var books = await session.BooksNowAsync(s.Branch, s.ItemsOf(zone).Select(i => i.Plan.Sku), ct);
        // A chat message cannot be confirmed: an unusually large count is taken as said (the variance will show it).
        var command = new RecordCount(s.Number, zone, m.Sku, $"chat:{m.ChatMessageId}", m.RequestedBy, by, true, m.Counted, true,
            books.GetValueOrDefault(m.Sku), books, null, m.ChatMessageId, m.ReplyMessageId);
        await session.Decide<Stocktake, StocktakeSnapshot>(streamId, st =>
        {
            try
            {
                return RecordCount.Decide(st, command, now);
            }
            catch (DomainException e)
            {
                return [Refuse(e.Message)];
            }
        }, ct);
    }
}
