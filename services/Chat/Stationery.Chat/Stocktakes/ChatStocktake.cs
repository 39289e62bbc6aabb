using Marten;
using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Stocktakes;

/// <summary>
/// Chat's small copy of a stocktake (盘点), keyed by its number: the branch, its zones and their counters while it is open
/// (from <see cref="StocktakeOpened"/>), closed by <see cref="StocktakeCompleted"/> or <see cref="StocktakeCancelled"/>.
/// Inventory's events arrive on separate queues: a close that outruns the opening is kept (zones empty), and the opening
/// that follows neither reopens it nor announces it.
/// </summary>
public sealed record ChatStocktake(string Id, string Branch, string Kind, bool Blind, IReadOnlyList<StocktakeZone> Zones, bool Open,
    DateTimeOffset OpenedAt)
{
    public static ChatStocktake Opened(StocktakeOpened o) => new(o.StocktakeId, o.BranchId, o.Kind, o.Blind, o.Zones, true, o.OccurredAt);

    public static ChatStocktake Closed(string id, string branch, DateTimeOffset at) => new(id, branch, "", false, [], false, at);

    public bool Counts(string userId) => Zones.Any(z => z.Counters.Any(c => c.UserId == userId));

    public IReadOnlyList<StocktakeCounter> CountersOf(string zoneId) => Zones.FirstOrDefault(z => z.ZoneId == zoneId)?.Counters ?? [];

    /// <summary>
    /// The open stocktake a person's count in the branch's 盘点 channel is for: the latest one they count in, else the
    /// latest one open there (Inventory then answers that they are not one of its counters). Null when none is open.
    /// </summary>
    public static async Task<ChatStocktake?> ForCountAsync(IQuerySession session, string branch, string userId, CancellationToken ct)
    {
        var open = await session.Query<ChatStocktake>().Where(s => s.Branch == branch && s.Open).ToListAsync(ct);
        return open.OrderByDescending(s => s.Counts(userId)).ThenByDescending(s => s.OpenedAt).FirstOrDefault();
    }
}
