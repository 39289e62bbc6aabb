using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using MiniExcelLibs;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock;

namespace Stationery.Inventory.Tests.Api;

/// <summary>
/// 从纸和Excel开始: the catalogue and a branch's opening stock imported from hand-made spreadsheets with Excel's quirks
/// (a merged title row, a header merged over two columns, numbers stored as text, full-width digits), a dry run that writes
/// nothing, an apply that applies the good rows and lists the refused ones, and a second import of the same file that
/// changes nothing.
/// </summary>
public sealed class ImportingFromSpreadsheets(InventoryHost host) : IClassFixture<InventoryHost>
{
    private static readonly string[] ProductHeader = ["商品编码", "品名", "规格", "品牌", "类别", "单位", "条码", "零售价", "包装数"];

    [Fact]
    public async Task The_dry_run_gives_every_row_its_verdict_and_problem_in_Chinese_and_writes_nothing()
    {
        var p = Prefix();
        var file = Xlsx(
            ProductHeader,
            [$"{p}-1", "晨光中性笔", "0.5mm 黑", "晨光", "笔类", "支", "6921734900012", "2.50", "12"],
            [$"{p}-2", "得力订书机", "12号", "得力", "文具", "个", "6921734900013", "25", "1"],
            [$"{p}-3", "晨光铅笔", "HB", "晨光", "笔类", "支", "", "1.2", "10"],
            [$"{p}-3", "晨光铅笔", "2B", "晨光", "笔类", "支", "", "1.2", "10"],
            [$"{p}-4", "修正带", "", "", "文具", "个", "", "三块五", "1"],
            [$"{p}-5", "", "", "", "文具", "个", "", "3", "1"]);

        var report = await Read(await host.Owner().PostAsync("api/inventory/imports/products/preview", Upload(file, "商品.xlsx")));

        report.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        Verdicts(report).ShouldBe(["new", "error", "error", "error", "error", "error"]);
        Problem(report, 3, "barcode").ShouldContain("EAN-13");
        Problem(report, 3, "barcode").ShouldStartWith("须为有效的 EAN-13 条码");
        Problem(report, 4, "sku").ShouldBe($"商品编码 {p}-3 在文件中重复出现(第 4、5 行) / sku '{p}-3' appears more than once in the file (rows 4, 5)");
        Problem(report, 6, "retailPrice").ShouldBe("「三块五」不是数字 / '三块五' is not a number");
        Problem(report, 7, "name").ShouldBe("必填 / is required");
        Row(report, 7).GetProperty("problems")[0].GetProperty("header").GetString().ShouldBe("品名");
        report.GetProperty("applied").GetInt32().ShouldBe(0);

        (await host.Owner().JsonAsync($"api/inventory/products?search=晨光中性笔")).EnumerateArray()
            .ShouldNotContain(x => x.GetProperty("sku").GetString() == $"{p}-1");
        await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
        (await session.Events.FetchStreamStateAsync(Product.StreamId($"{p}-1"))).ShouldBeNull();
    }

    [Fact]
    public async Task A_merged_title_a_header_merged_over_two_columns_numbers_stored_as_text_and_full_width_digits_are_read()
    {
        var p = Prefix();
        var file = Merged(Xlsx(
            ["商品目录 2026 年 12 月", null, null, null, null, null, null, null, null, null],
            ["商品编码(sku)", "品名 name", null, "规格", "品牌", "类别", "单位", "条码", "零售价", "包装数"],
            [$"{p}-1", "晨光荧光笔", null, "黄色", "晨光", "笔类", "支", "６９２１７３４９０００２９", "１２．５０", "１０"],
            [null, null, null, null, null, null, null, null, null, null],
            [$" {p}-2 ", " 得力胶棒 ", null, "21g", "得力", "文具", "支", "", "¥1,234.50", 6d]),
            "A1:J1", "B2:C2");

        var report = await Read(await host.Owner().PostAsync("api/inventory/imports/products", Upload(file, "quirks.xlsx")));

        Verdicts(report).ShouldBe(["new", "new"], report.ToString());
        report.GetProperty("appliedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([3, 5]);
        var first = (await host.Owner().JsonAsync("api/inventory/products?barcode=6921734900029")).EnumerateArray().ShouldHaveSingleItem();
        first.GetProperty("sku").GetString().ShouldBe($"{p}-1");
        first.GetProperty("name").GetString().ShouldBe("晨光荧光笔");
        first.GetProperty("retailPrice").GetDecimal().ShouldBe(12.50m);
        first.GetProperty("packSize").GetInt32().ShouldBe(10);
        var second = (await host.Owner().JsonAsync($"api/inventory/products?search=得力胶棒")).EnumerateArray()
            .Single(x => x.GetProperty("sku").GetString() == $"{p}-2");
        second.GetProperty("name").GetString().ShouldBe("得力胶棒");
        second.GetProperty("retailPrice").GetDecimal().ShouldBe(1234.50m);
        second.GetProperty("packSize").GetInt32().ShouldBe(6);
    }

    [Fact]
    public async Task Applying_the_same_file_twice_applies_the_good_rows_once_and_the_second_time_changes_nothing()
    {
        var p = Prefix();
        var file = Csv(string.Join(',', ProductHeader),
            $"{p}-1,晨光中性笔,0.5mm 黑,晨光,笔类,支,,2.50,12",
            $"{p}-2,得力订书机,12号,得力,文具,个,6921734900013,25,1",
            $"{p}-3,晨光铅笔,HB,晨光,笔类,支,,1.2,10");

        var first = await Read(await host.Owner().PostAsync("api/inventory/imports/products", Upload(file, "products.csv")));
        first.GetProperty("applied").GetInt32().ShouldBe(2);
        first.GetProperty("appliedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([2, 4]);
        first.GetProperty("refusedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([3]);

        var again = await Read(await host.Owner().PostAsync("api/inventory/imports/products", Upload(file, "products.csv")));
        Verdicts(again).ShouldBe(["unchanged", "error", "unchanged"]);
        again.GetProperty("applied").GetInt32().ShouldBe(0);
        await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
        (await session.Events.FetchStreamAsync(Product.StreamId($"{p}-1"))).Count.ShouldBe(1);

        var repriced = Csv(string.Join(',', ProductHeader), $"{p}-1,,,,笔类,支,,2.80,");
        var change = await Read(await host.Owner().PostAsync("api/inventory/imports/products", Upload(repriced, "price.csv")));
        Verdicts(change).ShouldBe(["changed"]);
        var product = await session.LoadAsync<Product>(Product.StreamId($"{p}-1"));
        (product!.RetailPrice, product.Name, product.PackSize).ShouldBe((2.80m, "晨光中性笔", 12));
    }

    [Fact]
    public async Task The_export_imported_again_changes_nothing_and_the_templates_name_each_column_in_Chinese_and_English()
    {
        await host.Owner().RegisterAsync($"{Prefix()}-X", barcode: "6921734900036");
        var export = await host.Owner().GetAsync("api/inventory/exports/products?format=xlsx");
        await export.ShouldBe(200);
        var bytes = await export.Content.ReadAsByteArrayAsync();

        var report = await Read(await host.Owner().PostAsync("api/inventory/imports/products/preview", Upload(bytes, "export.xlsx")));
        report.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        report.GetProperty("unchanged").GetInt32().ShouldBe(report.GetProperty("total").GetInt32(), report.ToString());

        var template = await host.Owner().GetAsync("api/inventory/imports/products/template?format=csv");
        var header = (await template.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n")[0];
        header.ShouldBe("商品编码(sku),品名(name),规格(spec),品牌(brand),类别(category),单位(unit),条码(barcode),零售价(retailPrice),包装数(packSize)");
        (await host.Owner().GetAsync("api/inventory/branches/main/imports/opening-stock/template?format=xlsx")).Content.Headers.ContentType!.MediaType
            .ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public async Task Opening_stock_sets_each_count_once_refuses_negative_unknown_and_fractional_counts_and_reimporting_changes_nothing()
    {
        var p = Prefix();
        var a = await host.Owner().RegisterAsync($"{p}-A");
        var b = await host.Owner().RegisterAsync($"{p}-B");
        await (await host.Owner().ReceiveAsync("east", "R-1", (b, 4))).ShouldBe(200);
        var file = Xlsx(["商品编码", "品名", "数量"], [a, "晨光荧光笔", "１２"], [b, "晨光荧光笔", 30d], [$"{p}-NONE", "", "3"], [a + "x", "", "-2"], [b + "y", "", "2.5"]);

        var preview = await Read(await host.Owner().PostAsync("api/inventory/branches/east/imports/opening-stock/preview", Upload(file, "期初.xlsx")));
        Verdicts(preview).ShouldBe(["new", "changed", "error", "error", "error"]);
        Problem(preview, 4, "sku").ShouldContain("不在商品目录中");
        Problem(preview, 6, "count").ShouldBe("「2.5」不是整数 / '2.5' is not a whole number");

        var negative = Xlsx(["sku", "count"], [a, "-2"]);
        Problem(await Read(await host.Owner().PostAsync("api/inventory/branches/east/imports/opening-stock/preview", Upload(negative, "n.xlsx"))), 2, "count")
            .ShouldBe("数量不能为负数 (-2) / must not be negative (-2)");

        var applied = await Read(await host.Owner().PostAsync("api/inventory/branches/east/imports/opening-stock", Upload(file, "期初.xlsx")));
        applied.GetProperty("appliedRows").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([2, 3]);
        var board = (await host.Owner().JsonAsync("api/inventory/branches/east/stock")).EnumerateArray().ToList();
        board.Single(r => r.GetProperty("sku").GetString() == a).GetProperty("onHand").GetInt32().ShouldBe(12);
        board.Single(r => r.GetProperty("sku").GetString() == b).GetProperty("onHand").GetInt32().ShouldBe(30);

        var again = await Read(await host.Owner().PostAsync("api/inventory/branches/east/imports/opening-stock", Upload(file, "期初.xlsx")));
        Verdicts(again).ShouldBe(["unchanged", "unchanged", "error", "error", "error"]);
        await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
        var events = await session.Events.FetchStreamAsync(StockItem.StreamId("east", b));
        events.Select(e => e.Data).OfType<StockAdjusted>().ShouldHaveSingleItem()
            .ShouldSatisfyAllConditions(x => x.Delta.ShouldBe(26), x => x.Reason.ShouldBe(AdjustmentReason.Count), x => x.Source.ShouldBe("import"));
    }

    [Fact]
    public async Task A_clerk_may_not_import_and_another_chains_branch_is_not_found()
    {
        var file = Xlsx(["sku", "count"], ["X-1", "1"]);
        await (await host.Clerk().PostAsync("api/inventory/imports/products/preview", Upload(file, "p.xlsx"))).ProblemAsync(403);
        await (await host.Clerk().PostAsync("api/inventory/branches/main/imports/opening-stock", Upload(file, "s.xlsx"))).ProblemAsync(403);
        await (await host.Owner("rival").PostAsync("api/inventory/branches/east/imports/opening-stock", Upload(file, "s.xlsx"))).ProblemAsync(404);
        await (await host.Manager("main").PostAsync("api/inventory/branches/east/imports/opening-stock/preview", Upload(file, "s.xlsx"))).ProblemAsync(403);
    }

    [Fact]
    public async Task A_malformed_file_a_missing_column_and_an_oversized_upload_are_refused_with_problem_details()
    {
        var garbage = Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not a spreadsheet at all");
        var malformed = await (await host.Owner().PostAsync("api/inventory/imports/products/preview", Upload(garbage, "p.xlsx"))).ProblemAsync(400);
        malformed.FieldErrors("file").ShouldHaveSingleItem().ShouldContain("不是可读的 .xlsx 文件");

        var missing = await (await host.Owner().PostAsync("api/inventory/imports/products/preview",
            Upload(Csv("商品编码,类别,单位", "A-1,笔类,支"), "p.csv"))).ProblemAsync(400);
        missing.FieldErrors("name").ShouldHaveSingleItem().ShouldStartWith("缺少必需的列「品名」");

        var huge = new byte[9 * 1024 * 1024];
        // As browsers and HttpClient send a large body: the server refuses it before it is uploaded.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/inventory/imports/products/preview") { Content = Upload(huge, "huge.csv") };
        request.Headers.ExpectContinue = true;
        var oversized = await host.Owner().SendAsync(request);
        var problem = await oversized.ProblemAsync(413);
        problem.GetProperty("type").GetString()!.ShouldEndWith("/payload-too-large");
    }

    [Fact]
    public async Task A_CSV_saved_by_Excel_in_GBK_reads_its_Chinese_headers_and_names()
    {
        var p = Prefix();
        var gbk = CodePages().GetBytes(string.Join("\r\n", string.Join(',', ProductHeader), $"{p}-1,晨光橡皮,大号,晨光,文具,块,,1.5,20"));

        var report = await Read(await host.Owner().PostAsync("api/inventory/imports/products", Upload(gbk, "excel.csv")));

        Verdicts(report).ShouldBe(["new"], report.ToString());
        await using var session = host.Service.Service<IDocumentStore>().QuerySession("demo");
        (await session.LoadAsync<Product>(Product.StreamId($"{p}-1")))!.Name.ShouldBe("晨光橡皮");
    }

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static string Prefix() => $"IM{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    private static MultipartFormDataContent Upload(byte[] content, string name)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    /// <summary>A sheet written cell by cell (MiniExcel, no header of its own): strings stay text cells, doubles become numbers.</summary>
    public static byte[] Xlsx(params object?[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var sheet = rows.Select(r => Enumerable.Range(0, width).ToDictionary(i => $"c{i:D2}", i => i < r.Length ? r[i] : null)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The sheet with merged ranges, as Excel writes them (a mergeCells element after the sheet data).</summary>
    private static byte[] Merged(byte[] xlsx, params string[] ranges)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var merges = $"<x:mergeCells count=\"{ranges.Length}\">{string.Concat(ranges.Select(r => $"<x:mergeCell ref=\"{r}\"/>"))}</x:mergeCells>";
            xml = xml.Contains("</x:sheetData>") ? xml.Replace("</x:sheetData>", "</x:sheetData>" + merges)
                : xml.Replace("</sheetData>", "</sheetData>" + merges.Replace("x:", ""));
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml);
        }
        return stream.ToArray();
    }

    private static byte[] Csv(params string[] lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines))];

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        await response.ShouldBe(200);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Verdicts(JsonElement report) =>
        report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("verdict").GetString()!).ToArray();

    private static JsonElement Row(JsonElement report, int row) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row);

    private static string Problem(JsonElement report, int row, string column) =>
        Row(report, row).GetProperty("problems").EnumerateArray().First(p => p.GetProperty("column").GetString() == column)
            .GetProperty("message").GetString()!;
}
