namespace Stationery.Purchasing.PurchaseLists;

// Domain events of a branch's purchase list stream `purchase-list:{branch}` (采购清单).

/// <summary>Where a purchase list item came from.</summary>
public enum ItemSource { Alert, Chat, Manual }

/// <param name="NeededBy">The day the goods are needed by, when known (an alert's: its day plus the policy's lead time).</param>
public sealed record PurchaseListItemAdded(string Branch, string ItemId, string Sku, string Name, string Spec, string Unit,
    int Quantity, string? Note, ItemSource Source, string RequestedBy, string? ChatMessageId, string? SupplierId, DateTimeOffset At,
    DateOnly? NeededBy = null);

/// <summary>Items left the list because purchase orders were placed for them.</summary>
public sealed record PurchaseListItemsOrdered(string Branch, IReadOnlyList<string> ItemIds, IReadOnlyList<string> PurchaseOrderIds,
    string By, DateTimeOffset At);

/// <summary>An item added by a low-stock alert left the list because the alert closed before anyone ordered it.</summary>
public sealed record PurchaseListItemWithdrawn(string Branch, string ItemId, string Sku, string Reason, DateTimeOffset At);

/// <summary>
/// The owner changed an item: <see cref="Quantity"/> is <see cref="RequestedQuantity"/> rounded up to the chosen supplier's
/// pack size and minimum order (<see cref="PackSize"/>, <see cref="MinOrderQty"/>); <see cref="SupplierId"/> is the supplier
/// chosen for it (null: the default supplier); <see cref="NeededBy"/> is the day the goods are needed by (null: not said), which
/// the default supplier's lead time must meet.
/// </summary>
public sealed record PurchaseListItemChanged(string Branch, string ItemId, string Sku, int Quantity, int RequestedQuantity, string? SupplierId,
    int PackSize, int MinOrderQty, string By, DateTimeOffset At, DateOnly? NeededBy = null);

/// <summary>The owner took an item off the list (删除) before ordering it.</summary>
public sealed record PurchaseListItemRemoved(string Branch, string ItemId, string Sku, string By, DateTimeOffset At);

/// <summary>
/// A line of the list. <see cref="RequestedQuantity"/> is what the owner last asked for when an edit rounded it up to
/// <see cref="Quantity"/> (null until an edit); <see cref="EditedBy"/> is who last changed it; <see cref="NeededBy"/> the day
/// it is needed by.
/// </summary>
public sealed record PurchaseListItem(string ItemId, string Sku, string Name, string Spec, string Unit, int Quantity, string? Note,
    ItemSource Source, string RequestedBy, string? ChatMessageId, string? SupplierId, DateTimeOffset AddedAt,
    int? RequestedQuantity = null, string? EditedBy = null, DateOnly? NeededBy = null);

/// <summary>The items of one branch still waiting to be ordered; the inline snapshot of the list stream.</summary>
public sealed record PurchaseList(string Id, string Branch, IReadOnlyList<PurchaseListItem> Items)
{
    public static string StreamId(string branch) => $"purchase-list:{branch}";

    public static PurchaseList Empty(string branch) => new(StreamId(branch), branch, []);

    public static PurchaseList Create(PurchaseListItemAdded e) => Empty(e.Branch).Apply(e);

    public PurchaseList Apply(PurchaseListItemAdded e) => this with
    {
        Items = [.. Items, new PurchaseListItem(e.ItemId, e.Sku, e.Name, e.Spec, e.Unit, e.Quantity, e.Note, e.Source,
            e.RequestedBy, e.ChatMessageId, e.SupplierId, e.At, NeededBy: e.NeededBy)],
    };

    public PurchaseList Apply(PurchaseListItemsOrdered e) => this with { Items = [.. Items.Where(i => !e.ItemIds.Contains(i.ItemId))] };

    public PurchaseList Apply(PurchaseListItemWithdrawn e) => this with { Items = [.. Items.Where(i => i.ItemId != e.ItemId)] };

    public PurchaseList Apply(PurchaseListItemChanged e) => this with
    {
        Items = [.. Items.Select(i => i.ItemId != e.ItemId ? i : i with
        {
            Quantity = e.Quantity, RequestedQuantity = e.RequestedQuantity, SupplierId = e.SupplierId, EditedBy = e.By, NeededBy = e.NeededBy,
        })],
    };

    public PurchaseList Apply(PurchaseListItemRemoved e) => this with { Items = [.. Items.Where(i => i.ItemId != e.ItemId)] };

    public PurchaseListItem? Item(string itemId) => Items.FirstOrDefault(i => i.ItemId == itemId);

    public static string NewItemId() => $"item-{Guid.NewGuid():N}"[..17];
}
