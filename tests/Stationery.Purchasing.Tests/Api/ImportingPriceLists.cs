using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Stationery.Purchasing.Suppliers;
using Stationery.Testing;
using static Stationery.Testing.Sheets;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>
/// 供应商报价导入: a supplier's price list from hand-made spreadsheets — a quote per row, checked like one quote entered by
/// hand, cost data for cost roles only and a supplier guest for its own supplier only, and the same file again recording
/// nothing.
/// </summary>
public class ImportingPriceLists(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    private static readonly object?[] Header = ["商品编码", "品名", "进货单价", "有效期至", "起订量", "包装数"];

    private static string Future(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("yyyy-MM-dd");

    private async Task<(string Chain, HttpClient Owner, string Supplier)> SupplierWithProductsAsync(params string[] skus)
    {
        var chain = PurchasingHost.NewChain();
        var owner = host.Owner(chain);
        foreach (var sku in skus) await host.RegisterProductAsync(chain, sku, $"晨光笔 {sku}");
        return (chain, owner, await PurchasingHost.RegisterSupplierAsync(owner, "晨光文具供应商"));
    }

    /// <summary>Uploads the file under a name its first bytes agree with (a zip is .xlsx, anything else .csv).</summary>
    private static Task<HttpResponseMessage> Import(HttpClient client, string supplier, byte[] file, bool dryRun = false) =>
        client.PostAsync($"api/purchasing/suppliers/{supplier}/imports/quotes{(dryRun ? "/preview" : "")}",
            Upload(file, file[0] == 'P' && file[1] == 'K' ? "报价.xlsx" : "报价.csv"));

    private async Task<long> SupplierVersionAsync(string chain, string supplier)
    {
        await using var session = host.Service.Service<IDocumentStore>().QuerySession(chain);
        return (await session.Events.FetchStreamStateAsync(Supplier.StreamId(supplier)))!.Version;
    }

    [Fact]
    public async Task The_dry_run_refuses_unknown_skus_bad_costs_and_past_days_and_records_nothing()
    {
        var (chain, owner, supplier) = await SupplierWithProductsAsync("PL-A", "PL-B");
        var before = await SupplierVersionAsync(chain, supplier);
        var file = Xlsx(Header,
            ["PL-A", "晨光笔", "１．２５", Future(30), "10", "12"],
            ["PL-NONE", "", "2", Future(30)],
            ["PL-B", "", "三块五", Future(30)],
            ["PL-B2", "", "0", Future(30)],
            ["PL-A", "", "1.3", "2020-01-01"],
            ["PL-B", "", "-1", Future(30)]);

        var report = await (await Import(owner, supplier, file, dryRun: true)).ReportAsync();

        report.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        Verdicts(report).ShouldBe(["error", "error", "error", "error", "error", "error"]);
        Problem(report, 2, "sku").ShouldStartWith("商品编码 PL-A 在文件中重复出现(第 2、6 行)");
        Problem(report, 3, "sku").ShouldBe("商品 PL-NONE 不在商品目录中，请先在库存中登记或导入商品 / unknown sku 'PL-NONE': register or import the product in Inventory first");
        Problem(report, 4, "unitCost").ShouldBe("「三块五」不是数字 / '三块五' is not a number");
        Row(report, 4).GetProperty("problems").GetArrayLength().ShouldBe(2, "the duplicate sku and the cost, not also 'is required'");
        Problem(report, 5, "unitCost").ShouldBe("必须大于 0 / must be greater than 0");
        Problem(report, 6, "validUntil").ShouldBe("不能早于现在 / must not be in the past");
        Problem(report, 7, "unitCost").ShouldBe("必须大于 0 / must be greater than 0");

        var clean = await (await Import(owner, supplier, Xlsx(Header, ["PL-A", "", "１．２５", Future(30), "10", "12"]), dryRun: true)).ReportAsync();
        Verdicts(clean).ShouldBe(["new"]);
        (await SupplierVersionAsync(chain, supplier)).ShouldBe(before);
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=PL-A")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Applying_the_same_price_list_twice_records_each_quote_once()
    {
        var (chain, owner, supplier) = await SupplierWithProductsAsync("PL-C", "PL-D");
        var file = Csv("商品编码(sku),进货单价(unitCost),有效期至(validUntil),起订量(minOrderQty)",
            $"PL-C,1.2345,{Future(30)},20", $"PL-D,¥8.50,{Future(60).Replace('-', '/')},", $"PL-X,1,{Future(30)},");

        var first = await (await Import(owner, supplier, file)).ReportAsync();

        Verdicts(first).ShouldBe(["new", "new", "error"]);
        first.GetProperty("appliedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([2, 3]);
        var version = await SupplierVersionAsync(chain, supplier);
        var quote = (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=PL-C")).EnumerateArray().ShouldHaveSingleItem();
        quote.GetProperty("unitCost").GetDecimal().ShouldBe(1.2345m);
        quote.GetProperty("minOrderQty").GetInt32().ShouldBe(20);
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=PL-D"))[0].GetProperty("validUntil").GetString().ShouldBe(Future(60));

        var again = await (await Import(owner, supplier, file)).ReportAsync();

        Verdicts(again).ShouldBe(["unchanged", "unchanged", "error"]);
        again.GetProperty("applied").GetInt32().ShouldBe(0);
        (await SupplierVersionAsync(chain, supplier)).ShouldBe(version);

        var repriced = await (await Import(owner, supplier, Csv("sku,unitCost,validUntil,minOrderQty", $"PL-C,1.10,{Future(30)},20"))).ReportAsync();
        Verdicts(repriced).ShouldBe(["changed"]);
        Row(repriced, 2).GetProperty("notes")[0].GetString().ShouldBe($"¥1.2345 至 {Future(30)} → ¥1.10 至 {Future(30)}");
        (await SupplierVersionAsync(chain, supplier)).ShouldBe(version + 1);
    }

    [Fact]
    public async Task The_export_is_the_import_shape_with_four_decimals_and_imports_back_unchanged()
    {
        var (_, owner, supplier) = await SupplierWithProductsAsync("PL-E");
        await (await Import(owner, supplier, Xlsx(Header, ["PL-E", "", "0.8765", Future(10), "5", "24"]))).ReportAsync();

        var csv = await (await owner.GetAsync($"api/purchasing/suppliers/{supplier}/exports/quotes?format=csv")).Content.ReadAsStringAsync();
        csv.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "商品编码(sku),品名(name),进货单价(unitCost),有效期至(validUntil),起订量(minOrderQty),包装数(packSize)",
            $"PL-E,晨光笔 PL-E,0.8765,{Future(10)},5,24",
        ]);
        var xlsx = await (await owner.GetAsync($"api/purchasing/suppliers/{supplier}/exports/quotes")).Content.ReadAsByteArrayAsync();
        Verdicts(await (await Import(owner, supplier, xlsx, dryRun: true)).ReportAsync()).ShouldBe(["unchanged"]);
    }

    [Fact]
    public async Task Only_cost_roles_and_the_suppliers_own_guest_may_import_or_export_its_price_list()
    {
        var (chain, owner, supplier) = await SupplierWithProductsAsync("PL-F");
        var other = await PurchasingHost.RegisterSupplierAsync(owner, "得力办公用品供应商");
        var file = Xlsx(Header, ["PL-F", "", "2.5", Future(30)]);

        await (await Import(host.Manager(chain), supplier, file, dryRun: true)).Refused(403);
        await (await Import(host.Clerk(chain), supplier, file)).Refused(403);
        await (await host.Manager(chain).GetAsync($"api/purchasing/suppliers/{supplier}/exports/quotes?format=csv")).Refused(403);
        await (await Import(host.SupplierGuest(chain, other), supplier, file)).Refused(404);
        await (await host.SupplierGuest(chain, other).GetAsync($"api/purchasing/suppliers/{supplier}/exports/quotes")).Refused(404);
        await (await Import(host.Owner(PurchasingHost.NewChain()), supplier, file)).Refused(404);

        Verdicts(await (await Import(host.SupplierGuest(chain, supplier), supplier, file)).ReportAsync()).ShouldBe(["new"]);
        (await owner.GetFromJsonAsync<JsonElement>("api/purchasing/quotes?sku=PL-F"))[0].GetProperty("unitCost").GetDecimal().ShouldBe(2.5m);
    }
}

internal static class Refusals
{
    /// <summary>The answer is a problem document with <paramref name="status"/>.</summary>
    public static async Task Refused(this HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
