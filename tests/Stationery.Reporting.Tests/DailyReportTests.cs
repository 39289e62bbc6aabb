using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Stationery.Reporting.Tests.KnownHistory;

namespace Stationery.Reporting.Tests;

/// <summary>The daily, weekly, slow-mover and chain reports over the hand-computed <see cref="KnownHistory"/>.</summary>
public sealed class DailyReportTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task The_daily_report_counts_the_branchs_own_day_so_sales_just_after_midnight_belong_to_the_next_day()
    {
        using var owner = host.Owner();
        var report = await GetJsonAsync(owner, $"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}");

        report.GetProperty("date").GetString().ShouldBe("2025-11-25");
        report.GetProperty("branchName").GetString().ShouldBe("总店");
        var totals = report.GetProperty("totals");
        (totals.GetProperty("revenue").GetDecimal(), totals.GetProperty("units").GetInt32(), totals.GetProperty("tickets").GetInt32())
            .ShouldBe((76.00m, 16, 3));
        totals.GetProperty("averageTicket").GetDecimal().ShouldBe(25.33m);

        report.GetProperty("bestSellers").EnumerateArray()
            .Select(b => (b.GetProperty("rank").GetInt32(), b.GetProperty("sku").GetString(), b.GetProperty("quantity").GetInt32(), b.GetProperty("revenue").GetDecimal()))
            .ShouldBe([(1, Pen, 13, 26.00m), (2, Notebook, 2, 20.00m), (3, Paint, 1, 30.00m)]);

        var next = await GetJsonAsync(owner, $"api/reporting/branches/main/daily?date={Day.AddDays(1):yyyy-MM-dd}");
        (next.GetProperty("totals").GetProperty("revenue").GetDecimal(), next.GetProperty("totals").GetProperty("tickets").GetInt32()).ShouldBe((150.00m, 1));
        var before = await GetJsonAsync(owner, $"api/reporting/branches/main/daily?date={Day.AddDays(-1):yyyy-MM-dd}");
        before.GetProperty("totals").GetProperty("revenue").GetDecimal().ShouldBe(90.00m, "T0 at 00:05 on the 25th is not the 24th's, though UTC says so");
    }

    [Fact]
    public async Task Categories_are_compared_with_the_previous_seven_days_average_and_a_drop_of_a_fifth_is_flagged_falling()
    {
        using var owner = host.Owner();
        var report = await GetJsonAsync(owner, $"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}");
        report.GetProperty("categories").EnumerateArray()
            .Select(c => (c.GetProperty("category").GetString(), c.GetProperty("revenue").GetDecimal(), c.GetProperty("baseline").GetDecimal(),
                c.GetProperty("change").GetDecimal(), c.GetProperty("falling").GetBoolean()))
            .ShouldBe([("颜料", 30.00m, 30.00m, 0m, false), ("笔类", 26.00m, 10.00m, 1.6m, false), ("本册", 20.00m, 50.00m, -0.6m, true)]);
    }

    [Fact]
    public async Task Items_to_reorder_are_the_open_low_stock_alerts_and_empty_shelves_whatever_order_the_alerts_arrived_in()
    {
        using var owner = host.Owner();
        var report = await GetJsonAsync(owner, $"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}");
        report.GetProperty("toReorder").EnumerateArray()
            .Select(r => (r.GetProperty("sku").GetString(), r.GetProperty("onHand").GetInt32(), r.GetProperty("outOfStock").GetBoolean()))
            .ShouldBe([(Paint, 0, true), (Pen, 3, false)]);
        var pen = report.GetProperty("toReorder")[1];
        (pen.GetProperty("reorderPoint").GetInt32(), pen.GetProperty("suggestedQuantity").GetInt32(), pen.GetProperty("name").GetString())
            .ShouldBe((5, 20, "晨光中性笔"));

        var slow = report.GetProperty("slowMovers").EnumerateArray().ShouldHaveSingleItem();
        (slow.GetProperty("sku").GetString(), slow.GetProperty("daysWithoutSale").GetInt32(), slow.GetProperty("ageingBracket").GetString(),
            slow.GetProperty("discontinued").GetBoolean()).ShouldBe((Folder, 95, "90+", true));
        var listed = await GetJsonAsync(owner, "api/reporting/branches/main/slow-movers");
        listed.EnumerateArray().Select(s => s.GetProperty("sku").GetString()).ShouldBe([Folder], "the notebook sold after its finding");
        (await GetJsonAsync(owner, "api/reporting/branches/east/slow-movers")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_report_shows_no_cost_figures()
    {
        using var owner = host.Owner();
        using var response = await owner.GetAsync($"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("cost", Case.Insensitive);
    }

    [Fact]
    public async Task The_daily_csv_lists_every_product_sold_that_day_by_revenue_with_a_total_and_opens_in_excel()
    {
        using var owner = host.Owner();
        using var response = await owner.GetAsync($"api/reporting/branches/main/daily.csv?date={Day:yyyy-MM-dd}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("main-2025-11-25.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble(), "a byte-order mark, so Excel reads UTF-8");
        Encoding.UTF8.GetString(bytes[3..]).ShouldBe(
            "日期,门店,商品编码,名称,规格型号,分类,单位,销量,营业额\r\n" +
            "2025-11-25,main,RPT-PAINT,马利水彩,12色,颜料,盒,1,30.00\r\n" +
            "2025-11-25,main,RPT-PEN,晨光中性笔,0.5 黑,笔类,支,13,26.00\r\n" +
            "2025-11-25,main,RPT-NOTE,得力笔记本,A5,本册,本,2,20.00\r\n" +
            "2025-11-25,main,合计,,,,,16,76.00\r\n");
    }

    [Fact]
    public async Task The_daily_xlsx_holds_the_days_sales_best_sellers_and_falling_categories_as_numbers_for_owners_and_no_one_else()
    {
        using var owner = host.Owner();
        var path = $"api/reporting/branches/main/daily.xlsx?date={Day:yyyy-MM-dd}";
        using var response = await owner.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Stationery.Hosting.Export.XlsxWorkbook.ContentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("main-2025-11-25.xlsx");
        using var book = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        MiniExcelLibs.MiniExcel.GetSheetNames(book).ShouldBe(["商品销售", "每日营业额", "热销", "品类", "待补货", "滞销"]);
        var sales = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "商品销售").Cast<IDictionary<string, object>>().ToList();
        sales.Select(r => ((string)r["商品编码"], Convert.ToInt32(r["销量"]), Convert.ToDecimal(r["营业额"])))
            .ShouldBe([("RPT-PAINT", 1, 30.00m), ("RPT-PEN", 13, 26.00m), ("RPT-NOTE", 2, 20.00m), ("合计", 16, 76.00m)]);
        var days = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "每日营业额").Cast<IDictionary<string, object>>().ToList();
        days.Count.ShouldBe(14);
        Convert.ToDecimal(days[^1]["营业额"]).ShouldBe(76.00m);
        Convert.ToDecimal(days[^2]["营业额"]).ShouldBe(90.00m);
        var categories = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "品类").Cast<IDictionary<string, object>>().ToList();
        categories.Where(c => (c["下滑"] as string) == "是").Select(c => (string)c["分类"]).ShouldBe(["本册"]);

        using var clerk = host.ClientFor("clerk", ["clerk"], ["main"]);
        (await clerk.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var otherOwner = host.ClientFor("owner", ["owner"], ["main"], tenant: "other-chain");
        (await otherOwner.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var weekly = await owner.GetAsync("api/reporting/branches/main/weekly.xlsx?week=2025-W48");
        using var weekBook = new MemoryStream(await weekly.Content.ReadAsByteArrayAsync());
        var weekSales = MiniExcelLibs.MiniExcel.Query(weekBook, useHeaderRow: true, sheetName: "商品销售").Cast<IDictionary<string, object>>().ToList();
        (Convert.ToInt32(weekSales[^1]["销量"]), Convert.ToDecimal(weekSales[^1]["营业额"])).ShouldBe((32, 316.00m));
    }

    [Fact]
    public async Task The_daily_and_weekly_charts_are_png_images()
    {
        using var owner = host.Owner();
        foreach (var path in new[] { $"api/reporting/branches/main/daily.png?date={Day:yyyy-MM-dd}", "api/reporting/branches/main/weekly.png?week=2025-W48" })
        {
            using var response = await owner.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            var png = await response.Content.ReadAsByteArrayAsync();
            png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, path);
            png.Length.ShouldBeGreaterThan(5_000, path);
        }
    }

    [Fact]
    public async Task The_weekly_report_covers_monday_to_sunday_against_the_week_before()
    {
        using var owner = host.Owner();
        var report = await GetJsonAsync(owner, "api/reporting/branches/main/weekly?week=2025-W48");
        (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()).ShouldBe(("2025-11-24", "2025-11-30"));
        var totals = report.GetProperty("totals");
        (totals.GetProperty("revenue").GetDecimal(), totals.GetProperty("units").GetInt32(), totals.GetProperty("tickets").GetInt32())
            .ShouldBe((316.00m, 32, 5));
        report.GetProperty("previousWeek").GetProperty("revenue").GetDecimal().ShouldBe(540.00m, "18–23 Nov: six days of 90.00");
        report.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("revenue").GetDecimal())
            .ShouldBe([90.00m, 76.00m, 150.00m, 0m, 0m, 0m, 0m]);
        report.GetProperty("categories").EnumerateArray().Where(c => c.GetProperty("falling").GetBoolean())
            .Select(c => c.GetProperty("category").GetString()).ShouldBe(["本册", "笔类"]);

        using var csv = await owner.GetAsync("api/reporting/branches/main/weekly.csv?week=2025-W48");
        (await csv.Content.ReadAsStringAsync()).ShouldEndWith("2025-W48,main,合计,,,,,32,316.00\r\n");
        using var bad = await owner.GetAsync("api/reporting/branches/main/weekly?week=2025-48");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("week", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_chain_summary_gives_hq_and_owners_every_branchs_totals_with_its_share()
    {
        using var hq = host.ClientFor("hq", ["hq"], []);
        var summary = await GetJsonAsync(hq, $"api/reporting/chain/summary?from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}");
        summary.GetProperty("totals").GetProperty("revenue").GetDecimal().ShouldBe(86.00m);
        summary.GetProperty("branches").EnumerateArray()
            .Select(b => (b.GetProperty("branch").GetString(), b.GetProperty("name").GetString(), b.GetProperty("revenue").GetDecimal(),
                b.GetProperty("tickets").GetInt32(), b.GetProperty("share").GetDecimal()))
            .ShouldBe([("main", "总店", 76.00m, 3, 0.8837m), ("east", "东区店", 10.00m, 1, 0.1163m)]);

        using var manager = host.ClientFor("manager", ["manager"], ["main"]);
        (await manager.GetAsync("api/reporting/chain/summary")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var backwards = await hq.GetAsync($"api/reporting/chain/summary?from={Day:yyyy-MM-dd}&to={Day.AddDays(-1):yyyy-MM-dd}");
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Branch_reports_are_for_owners_managers_and_hq_of_that_branch_and_an_unknown_branch_is_404()
    {
        var path = $"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}";
        using var managerEast = host.ClientFor("manager-east", ["manager"], ["east"]);
        using var clerk = host.ClientFor("clerk", ["clerk"], ["main"]);
        using var hq = host.ClientFor("hq", ["hq"], []);
        using var owner = host.Owner();
        using var supplier = host.Reporting.ClientFor(Stationery.Testing.TestTokens.IssueSupplierGuest(ReportingHost.Tenant, "sup", "sup-1"));

        (await managerEast.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await managerEast.GetAsync("api/reporting/branches/main/daily.png")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await supplier.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hq.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await managerEast.GetAsync($"api/reporting/branches/east/daily?date={Day:yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.GetAsync("api/reporting/branches/nowhere/daily")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hq.GetAsync("api/reporting/branches/nowhere/slow-movers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.Reporting.Anonymous().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await owner.GetAsync("api/reporting/branches/main/daily?date=25.11.2025")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_chains_token_sees_none_of_our_branches_or_sales()
    {
        using var otherHq = host.ClientFor("hq", ["hq"], [], tenant: "other-chain");
        using var otherOwner = host.ClientFor("owner", ["owner"], ["main"], tenant: "other-chain");
        (await otherHq.GetAsync($"api/reporting/branches/main/daily?date={Day:yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherOwner.GetAsync($"api/reporting/branches/main/daily.csv?date={Day:yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherOwner.GetAsync("api/reporting/branches/main/slow-movers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var summary = await GetJsonAsync(otherHq, $"api/reporting/chain/summary?from={Day.AddDays(-7):yyyy-MM-dd}&to={Day:yyyy-MM-dd}");
        summary.GetProperty("branches").GetArrayLength().ShouldBe(0);
        summary.GetProperty("totals").GetProperty("revenue").GetDecimal().ShouldBe(0m);
    }
}
