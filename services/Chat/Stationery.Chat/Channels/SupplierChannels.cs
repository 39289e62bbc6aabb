namespace Stationery.Chat.Channels;

/// <summary>
/// One channel per supplier, where the chain's buyers (owners, managers, hq) and the supplier's guest contacts talk about
/// orders and deliveries (the order channel). Its id is derived from the supplier id, so the registration, a guest's
/// account or an order card — whichever arrives first — finds or creates the same channel. Prices are not talked about
/// here: they go to the supplier's <see cref="PriceChannels">price channel</see>.
/// </summary>
public static class SupplierChannels
{
    private const string Prefix = "supplier-";

    public static string Id(string supplierId) => Prefix + supplierId;

    /// <summary>The supplier an order channel belongs to, or null for any other channel.</summary>
    public static string? SupplierOf(string channelId) =>
        channelId.StartsWith(Prefix, StringComparison.Ordinal) ? channelId[Prefix.Length..] : null;

    public static ChannelOpened Open(string supplierId, string supplierName, IEnumerable<string> members) =>
        new(Id(supplierId), ChannelKind.Supplier, Name(supplierName), "采购单、到货与对账", null, null, [.. members]);

    public static string Name(string supplierName) => $"供应商·{supplierName}";
}

/// <summary>
/// 报价: one channel per supplier for its prices — quote lines, quote cards, any price talk — whose members are the
/// supplier's own guests and the chain's cost roles (whoever holds <c>costs.see</c>: owner, hq). A manager buys in the order
/// channel but never sees a price here. Created and reconciled alongside the order channel; its id cannot collide with
/// it (<c>prices-</c> is not <c>supplier-</c>).
/// </summary>
public static class PriceChannels
{
    private const string Prefix = "prices-";

    public static string Id(string supplierId) => Prefix + supplierId;

    /// <summary>The supplier a price channel belongs to, or null for any other channel.</summary>
    public static string? SupplierOf(string channelId) =>
        channelId.StartsWith(Prefix, StringComparison.Ordinal) ? channelId[Prefix.Length..] : null;

    public static ChannelOpened Open(string supplierId, string supplierName, IEnumerable<string> members) =>
        new(Id(supplierId), ChannelKind.Prices, Name(supplierName), "报价与价格(仅店主、总部和供应商本人可见)", null, null, [.. members]);

    public static string Name(string supplierName) => $"报价·{supplierName}";
}
