using Stationery.Hosting.Security;
using JasperFx.Events;
using Marten;
using Stationery.Hosting.Export;
using Stationery.Purchasing.PurchaseOrders.Viewing;

namespace Stationery.Purchasing.PurchaseOrders.Exporting;

/// <summary>
/// 导出时间线: an order's timeline as CSV, to settle a dispute outside the app (a supplier's accountant, an email). Whoever may
/// read the order may export it; the 金额 column (value at the quoted cost of what each step placed, confirmed or received) is
/// there only for cost roles and the order's own supplier — for anyone else the column does not exist.
/// </summary>
public static class ExportTimeline
{
    private static readonly string[] Header = ["采购单", "序号", "时间", "事件", "操作人", "内容"];

    public static RouteGroupBuilder MapExportTimeline(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id}/timeline.csv", async (string id, HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var po = http.User.EnsureVisible(await session.LoadAsync<PurchaseOrder>(id, ct), id);
            var events = await session.Events.FetchStreamAsync(id, token: ct);
            return TypedResults.File(Write(po, events, http.User.SeesCostsOf(po), http.User.SeesChat(po)), CsvTable.ContentType, $"{po.Id}-timeline.csv");
        }).RequirePermission("orders.read").WithName("ExportPurchaseOrderTimeline").Produces(200, contentType: "text/csv");
        return orders;
    }

    public static byte[] Write(PurchaseOrder po, IReadOnlyList<IEvent> events, bool showCosts, bool showChat)
    {
        var table = new CsvTable().Row(showCosts ? [.. Header, "金额"] : Header);
        foreach (var e in events)
        {
            if (TimelineText.Entry(e) is not { } entry || (!showChat && entry.Kind == TimelineText.ChatKind)) continue;
            string[] cells = [po.Id, CsvTable.Number((int)entry.Version), entry.At.ToString("yyyy-MM-dd HH:mm:ss zzz"), entry.Kind, entry.ByName ?? "",
                entry.Text];
            table.Row(showCosts ? [.. cells, Amount(po, e.Data) is { } amount ? CsvTable.Money(amount) : ""] : cells);
        }
        return table.ToBytes();
    }

    /// <summary>The value at the order's quoted costs of what an event placed, confirmed or received; null for other events or unpriced lines.</summary>
    public static decimal? Amount(PurchaseOrder po, object data)
    {
        IEnumerable<(string Sku, int Quantity)> lines = data switch
        {
            PurchaseOrderPlaced p => p.Lines.Select(l => (l.Sku, l.Quantity)),
            PurchaseOrderConfirmed c => c.Lines.Select(l => (l.Sku, l.Confirmed)),
            GoodsReceived r => r.Lines.Select(l => (l.Sku, l.Quantity)),
            _ => [],
        };
        var priced = lines.Select(l => (l.Quantity, Cost: po.Lines.FirstOrDefault(x => x.Sku == l.Sku)?.UnitCost)).ToList();
        return priced.Count == 0 || priced.Any(l => l.Cost is null) ? null : priced.Sum(l => l.Quantity * l.Cost!.Value);
    }
}
