namespace Stationery.Chat.Channels;

/// <summary>
/// One channel per supplier, where the chain's buyers (owners, managers, hq) and the supplier's guest contacts talk about
/// orders and deliveries. Its id is derived from the supplier id, so the registration, a guest's account or an order card
/// — whichever arrives first — finds or creates the same channel.
/// </summary>
public static class SupplierChannels
{
    private const string Prefix = "supplier-";

    public static string Id(string supplierId) => Prefix + supplierId;

    public static ChannelOpened Open(string supplierId, string supplierName, IEnumerable<string> members) =>
        new(Id(supplierId), ChannelKind.Supplier, Name(supplierName), "采购单、到货与对账", null, null, [.. members]);

    public static string Name(string supplierName) => $"供应商·{supplierName}";
}
