using System.Globalization;
using System.Text;
using Stationery.Reporting.Catalogue;
using Stationery.Reporting.Sales;

namespace Stationery.Reporting.Reports;

/// <summary>
/// A report's sales as CSV: one row per product sold, by revenue, then a 合计 row. UTF-8 with a byte-order mark so Excel
/// (as Chinese shops open it) shows the names; text cells that start like a formula are quoted with a leading apostrophe.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header = ["日期", "门店", "商品编码", "名称", "规格型号", "分类", "单位", "销量", "营业额"];

    public static byte[] Write(string period, string branch, IEnumerable<ProductDaySales> sales, Func<string, ProductCopy> product)
    {
        var rows = sales.GroupBy(s => s.Sku)
            .Select(g => (Sku: g.Key, Quantity: g.Sum(s => s.Quantity), Revenue: g.Sum(s => s.Revenue), Product: product(g.Key)))
            .OrderByDescending(r => r.Revenue).ThenBy(r => r.Sku, StringComparer.Ordinal)
            .ToList();
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var r in rows)
            Line(csv, [period, branch, r.Sku, r.Product.Name, r.Product.Spec, r.Product.Category, r.Product.Unit, Number(r.Quantity), Money(r.Revenue)]);
        Line(csv, [period, branch, "合计", "", "", "", "", Number(rows.Sum(r => r.Quantity)), Money(rows.Sum(r => r.Revenue))]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal m) => m.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
