using Stationery.Hosting.Export;
using Stationery.Reporting.Catalogue;
using Stationery.Reporting.Sales;

namespace Stationery.Reporting.Reports;

/// <summary>
/// A report's sales as CSV: one row per product sold, by revenue, then a 合计 row (the hosting library's
/// <see cref="CsvTable"/>: UTF-8 with a byte-order mark for Excel, formula-like text cells defused).
/// </summary>
public static class ReportCsv
{
    public const string ContentType = CsvTable.ContentType;

    public static readonly string[] Header = ["日期", "门店", "商品编码", "名称", "规格型号", "分类", "单位", "销量", "营业额"];

    public static byte[] Write(string period, string branch, IEnumerable<ProductDaySales> sales, Func<string, ProductCopy> product)
    {
        var rows = ProductRows(sales, product);
        var csv = new CsvTable().Row(Header);
        foreach (var r in rows)
            csv.Row(period, branch, r.Sku, r.Product.Name, r.Product.Spec, r.Product.Category, r.Product.Unit,
                CsvTable.Number(r.Quantity), CsvTable.Money(r.Revenue));
        csv.Row(period, branch, "合计", "", "", "", "", CsvTable.Number(rows.Sum(r => r.Quantity)), CsvTable.Money(rows.Sum(r => r.Revenue)));
        return csv.ToBytes();
    }

    /// <summary>The period's sales per product, by revenue: the rows of the CSV and of the workbook's first sheet.</summary>
    public static IReadOnlyList<(string Sku, int Quantity, decimal Revenue, ProductCopy Product)> ProductRows(IEnumerable<ProductDaySales> sales,
        Func<string, ProductCopy> product) =>
        [.. sales.GroupBy(s => s.Sku)
            .Select(g => (Sku: g.Key, Quantity: g.Sum(s => s.Quantity), Revenue: g.Sum(s => s.Revenue), Product: product(g.Key)))
            .OrderByDescending(r => r.Revenue).ThenBy(r => r.Sku, StringComparer.Ordinal)];
}
