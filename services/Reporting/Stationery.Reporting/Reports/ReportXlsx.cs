using Stationery.Hosting.Export;
using Stationery.Reporting.Catalogue;
using Stationery.Reporting.Sales;

namespace Stationery.Reporting.Reports;

/// <summary>
/// A report as an Excel workbook (<c>daily.xlsx</c>, <c>weekly.xlsx</c>): 商品销售 (the CSV's rows, 合计 last), 每日营业额,
/// 热销, 品类 (with the baseline and the change that flags a category falling), 待补货 and 滞销. Every figure is a sales
/// figure at retail: the reports hold no purchase cost, so there is no cost column to keep from roles without costs.see.
/// </summary>
public static class ReportXlsx
{
    public static byte[] Write(string period, string branch, IEnumerable<ProductDaySales> sales, Func<string, ProductCopy> product,
        IReadOnlyList<DaySales> days, IReadOnlyList<BestSeller> bestSellers, IReadOnlyList<CategorySales> categories,
        IReadOnlyList<ReorderItem> toReorder, IReadOnlyList<SlowMover> slowMovers, TimeZoneInfo zone)
    {
        var rows = ReportCsv.ProductRows(sales, product);
        var productRows = rows
            .Select(r => (IReadOnlyList<object?>)[period, branch, r.Sku, r.Product.Name, r.Product.Spec, r.Product.Category, r.Product.Unit, r.Quantity, r.Revenue])
            .Append([period, branch, "合计", "", "", "", "", rows.Sum(r => r.Quantity), rows.Sum(r => r.Revenue)]);
        return new XlsxWorkbook()
            .Sheet("商品销售", ReportCsv.Header, productRows)
            .Sheet("每日营业额", ["日期", "营业额", "销量", "单数"],
                days.Select(d => (IReadOnlyList<object?>)[d.Date.ToDateTime(TimeOnly.MinValue), d.Revenue, d.Units, d.Tickets]))
            .Sheet("热销", ["排名", "商品编码", "名称", "规格型号", "分类", "单位", "销量", "营业额"],
                bestSellers.Select(b => (IReadOnlyList<object?>)[b.Rank, b.Sku, b.Name, b.Spec, b.Category, b.Unit, b.Quantity, b.Revenue]))
            .Sheet("品类", ["分类", "营业额", "销量", "基准", "变化", "下滑"],
                categories.Select(c => (IReadOnlyList<object?>)[c.Category, c.Revenue, c.Units, c.Baseline, c.Change, c.Falling ? "是" : ""]))
            .Sheet("待补货", ["商品编码", "名称", "规格型号", "单位", "库存", "补货点", "建议补货", "缺货"],
                toReorder.Select(r => (IReadOnlyList<object?>)[r.Sku, r.Name, r.Spec, r.Unit, r.OnHand, r.ReorderPoint, r.SuggestedQuantity, r.OutOfStock ? "是" : ""]))
            .Sheet("滞销", ["商品编码", "名称", "规格型号", "分类", "库存", "未售天数", "最后售出（门店时间）", "账龄", "动销率", "停售"],
                slowMovers.Select(s => (IReadOnlyList<object?>)[s.Sku, s.Name, s.Spec, s.Category, s.OnHand, s.DaysWithoutSale,
                    s.LastSoldAt is { } last ? TimeZoneInfo.ConvertTime(last, zone).DateTime : null, s.AgeingBracket, s.SellThrough, s.Discontinued ? "是" : ""]))
            .ToBytes();
    }
}
