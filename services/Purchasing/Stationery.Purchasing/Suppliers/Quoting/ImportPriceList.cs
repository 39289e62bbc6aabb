using System.Globalization;
using System.Security.Claims;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Import;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.Suppliers.Listing;

namespace Stationery.Purchasing.Suppliers.Quoting;

/// <summary>
/// 供应商报价导入/导出: one supplier's price list from a spreadsheet, a row per product: sku, unit cost, valid until, and
/// optionally minimum order and pack size. Each row is a quote checked by the same rules as entering one
/// (<see cref="RecordQuote.Validate"/>: a cost above 0 with at most 4 decimals, a day not in the past), plus what only a file
/// gets wrong (a sku Purchasing has not heard of from Inventory's catalogue, a sku twice, a cost that is not a number).
/// A row equal to the supplier's current quote (cost, day, minimum order, pack size) is unchanged and records nothing, so
/// importing the same file again changes nothing. Cost data: <c>costs.see</c> only; a supplier guest only its own supplier
/// (another supplier is answered as if it did not exist, as for one quote).
/// </summary>
public static class ImportPriceList
{
    public const string Kind = "supplier-quotes";
    public const int MaxRows = 20_000;
    public const int BatchSize = 500;

    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("sku", "商品编码", Required: true, Kind: CellKind.Code),
        new("name", "品名"),
        new("unitCost", "进货单价", Required: true, Kind: CellKind.Number),
        new("validUntil", "有效期至", Required: true, Kind: CellKind.Code),
        new("minOrderQty", "起订量", Kind: CellKind.Number),
        new("packSize", "包装数", Kind: CellKind.Number),
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    private sealed record Planned(ImportRow Row, RecordQuote.Command? Quote);

    public static RouteGroupBuilder MapImportPriceList(this RouteGroupBuilder api)
    {
        api.MapPost("/suppliers/{supplierId}/imports/quotes/preview", (string supplierId, HttpRequest request, ClaimsPrincipal user,
                IDocumentSession session, TimeProvider clock, CancellationToken ct) => RunAsync(supplierId, request, user, session, clock, true, ct))
            .RequirePermission("costs.see").WithName("PreviewPriceListImport").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("供应商报价导入预览 (dry run): upload a .xlsx or .csv (multipart field 'file') of sku, unit cost, valid until (minimum order, pack size); every row's verdict with its problems; nothing is written.");
        api.MapPost("/suppliers/{supplierId}/imports/quotes", (string supplierId, HttpRequest request, ClaimsPrincipal user,
                IDocumentSession session, TimeProvider clock, CancellationToken ct) => RunAsync(supplierId, request, user, session, clock, false, ct))
            .RequirePermission("costs.see").WithName("ImportPriceList").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("供应商报价导入: each new or changed row is the supplier's quote for its sku; rows with problems are refused and listed; a row equal to the current quote records nothing, so the same file again changes nothing.");
        api.MapGet("/suppliers/{supplierId}/imports/quotes/template", async (string supplierId, string? format, ClaimsPrincipal user,
                IQuerySession session, CancellationToken ct) =>
            {
                var supplier = await OwnSupplierAsync(supplierId, user, session, ct);
                return SheetFormat.Download(format, Columns, $"报价导入模板 price-list-template {supplier.SupplierId}", []);
            })
            .RequirePermission("costs.see").WithName("PriceListImportTemplate")
            .WithSummary("The supplier price list import template (?format=xlsx or csv): the header row, Chinese then the English key.");
        api.MapGet("/suppliers/{supplierId}/exports/quotes", async (string supplierId, string? format, ClaimsPrincipal user,
                IQuerySession session, TimeProvider clock, CancellationToken ct) =>
            {
                var supplier = await OwnSupplierAsync(supplierId, user, session, ct);
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var quotes = supplier.Quotes.Where(q => q.IsValidOn(today)).OrderBy(q => q.Sku, StringComparer.Ordinal).ToList();
                var products = await session.ProductsAsync(quotes.Select(q => q.Sku), ct);
                return SheetFormat.Download(format, Columns, $"报价 price-list {supplier.SupplierId}", quotes.Select(q => (IReadOnlyList<object?>)
                [
                    q.Sku, products.GetValueOrDefault(q.Sku)?.Name ?? "", q.UnitCost, q.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    q.MinOrderQty, q.PackSize,
                ]));
            })
            .RequirePermission("costs.see").WithName("ExportPriceList")
            .WithSummary("The supplier's quotes valid today as .xlsx or .csv (?format=) in the import's shape: export, edit, import again.");
        return api;
    }

    /// <summary>The supplier, 404 for one the chain does not have and for another supplier than a supplier guest's own.</summary>
    private static Task<Supplier> OwnSupplierAsync(string supplierId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        user.IsSupplierGuest() && !user.SpeaksFor(supplierId)
            ? throw new NotFoundException("供应商 supplier", supplierId)
            : session.SupplierAsync(supplierId, ct);

    private static async Task<IResult> RunAsync(string supplierId, HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, bool dryRun, CancellationToken ct)
    {
        var supplier = await OwnSupplierAsync(supplierId, user, session, ct);
        var upload = await SheetUpload.ReadAsync(request, ct);
        var sheet = SheetReader.Read(upload.Content, upload.FileName, Columns, MaxRows);
        var now = clock.GetUtcNow();
        var plan = await PlanAsync(supplier, sheet, user.UserId(), DateOnly.FromDateTime(now.UtcDateTime), session, ct);
        if (dryRun) return TypedResults.Ok(ImportReport.Of(Kind, true, plan.Select(p => p.Row).ToList()));

        var applied = new HashSet<int>();
        foreach (var batch in plan.Where(p => p.Quote is not null).Chunk(BatchSize))
        {
            // One supplier stream: the batch's quotes are one append at the version read.
            await session.Decide<Supplier>(Supplier.StreamId(supplierId),
                s => batch.SelectMany(p => RecordQuote.Decide(s, p.Quote!, now)).ToList(), ct);
            await session.SaveChangesAsync(ct);
            applied.UnionWith(batch.Select(p => p.Row.Row));
        }
        return TypedResults.Ok(ImportReport.Of(Kind, false, plan.Select(p => p.Row with { Applied = applied.Contains(p.Row.Row) }).ToList()));
    }

    /// <summary>Judges every row against the file, the catalogue copy and the supplier's current quotes; writes nothing.</summary>
    private static async Task<List<Planned>> PlanAsync(Supplier supplier, ImportSheet sheet, string by, DateOnly today,
        IQuerySession session, CancellationToken ct)
    {
        var skus = sheet.Rows.Select(r => r["sku"]!).Where(s => s.Length > 0).Distinct().ToArray();
        var products = new Dictionary<string, ProductCopy>(StringComparer.Ordinal);
        foreach (var chunk in skus.Chunk(1000))
            foreach (var (sku, product) in await session.ProductsAsync(chunk, ct)) products[sku] = product;
        var rowsBySku = sheet.Rows.Where(r => r.Has("sku")).GroupBy(r => r["sku"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Number).ToList(), StringComparer.Ordinal);

        return sheet.Rows.Select(row =>
        {
            var problems = new RowProblems(Columns);
            var sku = row["sku"] ?? "";
            if (sku.Length > 0 && rowsBySku[sku].Count > 1)
                problems.Duplicate("sku", sku, rowsBySku[sku]);
            else if (sku.Length > 0 && !products.ContainsKey(sku))
                problems.Add("sku", $"商品 {sku} 不在商品目录中，请先在库存中登记或导入商品 / unknown sku '{sku}': register or import the product in Inventory first");
            var cost = problems.Decimal(row, "unitCost");
            var minOrder = problems.Whole(row, "minOrderQty");
            var packSize = problems.Whole(row, "packSize");
            var validUntil = Day(row, problems);

            // A cell that is not a number or a day already has its problem: a stand-in keeps the rules from adding "is required" to it.
            RecordQuote.Command? quote = null;
            try
            {
                quote = RecordQuote.Validate(new RecordQuoteRequest(sku, cost ?? (row.Has("unitCost") ? 1 : null), minOrder,
                    validUntil ?? (row.Has("validUntil") ? today : null), packSize), supplier.SupplierId, by, today);
            }
            catch (ValidationException e) { problems.AddAll(e.Errors); }

            if (problems.Any || quote is null)
                return new Planned(new ImportRow(row.Number, sku, RowVerdict.Error, problems.List, false), null);
            var current = supplier.Quotes.FirstOrDefault(q => q.Sku == quote.Sku);
            if (current is not null && current.UnitCost == quote.UnitCost && current.ValidUntil == quote.ValidUntil
                && current.MinOrderQty == quote.MinOrderQty && current.PackSize == quote.PackSize)
                return new Planned(new ImportRow(row.Number, sku, RowVerdict.Unchanged, [], false), null);
            List<string>? notes = current is null ? null
                : [$"¥{current.UnitCost.ToString("0.00##", CultureInfo.InvariantCulture)} 至 {current.ValidUntil:yyyy-MM-dd} → ¥{quote.UnitCost.ToString("0.00##", CultureInfo.InvariantCulture)} 至 {quote.ValidUntil:yyyy-MM-dd}"];
            return new Planned(new ImportRow(row.Number, sku, current is null ? RowVerdict.New : RowVerdict.Changed, [], false, notes), quote);
        }).ToList();
    }

    /// <summary>
    /// The valid-until cell as a day: 2026-12-31, 2026/12/31, 2026年12月31日, or an Excel date serial (a date cell whose format
    /// the reader did not see). Null when blank; a cell that is none of these is the row's problem.
    /// </summary>
    private static DateOnly? Day(SheetRow row, RowProblems problems)
    {
        if (!row.Has("validUntil")) return null;
        var text = row["validUntil"]!;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        problems.Add("validUntil", $"「{text}」不是日期，请写成 2026-12-31 / '{text}' is not a date: write it as 2026-12-31");
        return null;
    }
}
