using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Import;
using Stationery.Hosting.Security;
using Stationery.Inventory.Catalogue.Changing;
using Stationery.Inventory.Catalogue.Registering;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Catalogue.Importing;

/// <summary>
/// 商品导入/导出: the catalogue from a spreadsheet. <c>POST /imports/products/preview</c> is the dry run (every row's verdict,
/// nothing written); <c>POST /imports/products</c> applies the same file: new and changed rows are applied, rows with a problem
/// are refused and listed, and the rest of the file still goes in. Each row is checked by the same rules as registering one
/// product (<see cref="RegisterProduct.Validate"/>), plus what only a file can get wrong (a sku twice, a barcode twice, a price
/// that is not a number). Importing the same file again changes nothing: an unchanged product appends no event.
/// For a product already in the catalogue a blank cell or a missing optional column keeps its current value (so a sheet with
/// only sku and price reprices), which also means a barcode cannot be removed by import.
/// </summary>
public static class ImportProducts
{
    public const string Kind = "products";
    public const int MaxRows = 20_000;

    /// <summary>Rows committed per transaction: large enough to be fast, small enough to keep a transaction short.</summary>
    public const int BatchSize = 500;

    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("sku", "商品编码", Required: true, Kind: CellKind.Code),
        new("name", "品名", Required: true),
        new("spec", "规格"),
        new("brand", "品牌"),
        new("category", "类别", Required: true),
        new("unit", "单位", Required: true),
        new("barcode", "条码", Kind: CellKind.Code),
        new("retailPrice", "零售价", Kind: CellKind.Number),
        new("packSize", "包装数", Kind: CellKind.Number),
    ];

    /// <summary>A row's decision: the product it would register or the change it would make.</summary>
    private sealed record Planned(ImportRow Row, ProductRegistered? Registered, ProductUpdated? Update);

    public static void MapImportProducts(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/products/preview", (HttpRequest request, HttpContext http, IDocumentSession session, TimeProvider clock,
                CancellationToken ct) => RunAsync(request, http, session, clock, dryRun: true, ct))
            .RequirePermission("catalogue.manage").WithName("PreviewProductImport").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("商品导入预览 (dry run): upload a .xlsx or .csv (multipart field 'file'); every row's verdict (new, changed, unchanged, error) with its problems; nothing is written.");
        api.MapPost("/imports/products", (HttpRequest request, HttpContext http, IDocumentSession session, TimeProvider clock,
                CancellationToken ct) => RunAsync(request, http, session, clock, dryRun: false, ct))
            .RequirePermission("catalogue.manage").WithName("ImportProducts").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("商品导入: apply a .xlsx or .csv (multipart field 'file'): new and changed rows are applied, rows with problems refused and listed; importing the same file again changes nothing.");
        api.MapGet("/imports/products/template", (string? format) => SheetFormat.Download(format, Columns, "商品导入模板 products-template", []))
            .RequirePermission("catalogue.manage").WithName("ProductImportTemplate")
            .WithSummary("The products import template (?format=xlsx or csv): the header row, Chinese then the English key.");
        api.MapGet("/exports/products", async (string? format, IQuerySession session, CancellationToken ct) =>
            {
                var products = await session.Query<Product>().OrderBy(p => p.Sku).ToListAsync(ct);
                return SheetFormat.Download(format, Columns, "商品 products", products.Select(Cells));
            })
            .RequirePermission("catalogue.read").WithName("ExportProducts")
            .WithSummary("The catalogue as .xlsx or .csv (?format=) in the import's shape: export, edit, import again.");
    }

    private static IReadOnlyList<object?> Cells(Product p) =>
        [p.Sku, p.Name, p.Spec, p.Brand, p.Category, p.Unit, p.Barcode, p.RetailPrice, p.PackSize];

    private static async Task<IResult> RunAsync(HttpRequest request, HttpContext http, IDocumentSession session, TimeProvider clock,
        bool dryRun, CancellationToken ct)
    {
        var upload = await SheetUpload.ReadAsync(request, ct);
        var sheet = SheetReader.Read(upload.Content, upload.FileName, Columns, MaxRows);
        var plan = await PlanAsync(sheet, session, StockStream.RecorderFor(http.User, "import").By, clock.GetUtcNow(), ct);
        if (dryRun) return TypedResults.Ok(ImportReport.Of(Kind, true, plan.Select(p => p.Row).ToList()));

        var applied = new HashSet<int>();
        foreach (var batch in plan.Where(p => p.Registered is not null || p.Update is not null).Chunk(BatchSize))
        {
            var updates = batch.Where(p => p.Update is not null).Select(p => p.Update!).ToList();
            var holding = updates.Count == 0 ? [] : await session.Query<StockLevel>()
                .Where(l => l.Sku.IsOneOf(updates.Select(u => u.Sku).ToArray())).Select(l => new { l.Branch, l.Sku }).ToListAsync(ct);
            foreach (var p in batch)
            {
                if (p.Registered is { } registered)
                    session.Events.StartStream<Product>(Product.StreamId(registered.Sku), registered);
                else if (p.Update is { } update)
                {
                    await session.Decide<Product>(Product.StreamId(update.Sku), product => ChangeProduct.Update(product, update), ct);
                    foreach (var level in holding.Where(h => h.Sku == update.Sku))
                        await session.Decide<StockItem>(StockItem.StreamId(level.Branch, update.Sku), s => ChangeProduct.CopyToStock(s, update), ct);
                }
            }
            await session.SaveChangesAsync(ct);
            applied.UnionWith(batch.Select(p => p.Row.Row));
        }
        return TypedResults.Ok(ImportReport.Of(Kind, false, plan.Select(p => p.Row with { Applied = applied.Contains(p.Row.Row) }).ToList()));
    }

    /// <summary>Judges every row against the file and the catalogue; writes nothing.</summary>
    private static async Task<List<Planned>> PlanAsync(ImportSheet sheet, IQuerySession session, string by, DateTimeOffset now,
        CancellationToken ct)
    {
        var skus = sheet.Rows.Select(r => r["sku"]!).Where(s => s.Length > 0).Distinct().ToArray();
        var existing = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var chunk in skus.Chunk(1000))
            foreach (var product in await session.LoadManyAsync<Product>(ct, chunk.Select(Product.StreamId).ToArray()))
                existing[product.Sku] = product;
        var categories = (await session.Query<Product>().Select(p => p.Category).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var bySku = sheet.Rows.Where(r => r.Has("sku")).GroupBy(r => r["sku"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Number).ToList(), StringComparer.Ordinal);

        var judged = new List<(SheetRow Row, RowProblems Problems, ProductRegistered? Valid, Product? Existing)>();
        foreach (var row in sheet.Rows)
        {
            var problems = new RowProblems(Columns);
            var sku = row["sku"] ?? "";
            var current = existing.GetValueOrDefault(sku);
            if (sku.Length > 0 && bySku[sku].Count > 1)
                problems.Duplicate("sku", sku, bySku[sku]);

            var price = problems.Decimal(row, "retailPrice");
            var packSize = problems.Whole(row, "packSize");
            var request = new RegisterProductRequest(sku, Keep(row, "name", current?.Name), Keep(row, "spec", current?.Spec),
                Keep(row, "brand", current?.Brand), Keep(row, "category", current?.Category), Keep(row, "unit", current?.Unit),
                Barcode(Keep(row, "barcode", current?.Barcode)), price ?? current?.RetailPrice, packSize ?? current?.PackSize);
            ProductRegistered? valid = null;
            try { valid = RegisterProduct.Validate(request, by, now); }
            catch (ValidationException e) { problems.AddAll(e.Errors); }
            judged.Add((row, problems, valid, current));
        }

        // A barcode identifies one product: not twice in the file, not another product's in the catalogue.
        var barcodes = judged.Where(j => j.Valid?.Barcode is not null).GroupBy(j => j.Valid!.Barcode!).ToList();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in barcodes.Select(g => g.Key).Chunk(1000))
            foreach (var p in await session.Query<Product>().Where(p => p.Barcode.IsOneOf(chunk)).ToListAsync(ct))
                taken[p.Barcode!] = p.Sku;
        foreach (var group in barcodes)
        {
            var rows = group.ToList();
            foreach (var j in rows)
            {
                if (rows.Count > 1)
                    j.Problems.Add("barcode", $"条码 {group.Key} 在文件中重复出现(第 {string.Join("、", rows.Select(r => r.Row.Number))} 行) / barcode '{group.Key}' appears on more than one row");
                else if (taken.TryGetValue(group.Key, out var owner) && owner != j.Valid!.Sku)
                    j.Problems.Add("barcode", $"条码 {group.Key} 已被商品 {owner} 使用 / barcode '{group.Key}' belongs to product '{owner}'");
            }
        }

        return judged.Select(j =>
        {
            if (j.Problems.Any || j.Valid is null)
                return new Planned(new ImportRow(j.Row.Number, j.Row["sku"] ?? "", RowVerdict.Error, j.Problems.List, false), null, null);
            var v = j.Valid;
            List<string>? notes = categories.Contains(v.Category) ? null
                : [$"新类别「{v.Category}」(类别不是固定列表，导入后即可使用) / new category '{v.Category}' (categories are free text)"];
            if (j.Existing is null)
                return new Planned(new ImportRow(j.Row.Number, v.Sku, RowVerdict.New, [], false, notes), v, null);
            var update = new ProductUpdated(v.Sku, v.Name, v.Spec, v.Brand, v.Category, v.Unit, v.Barcode, v.RetailPrice, v.PackSize, v.By, v.At);
            return ChangeProduct.Update(j.Existing, update).Count == 0
                ? new Planned(new ImportRow(j.Row.Number, v.Sku, RowVerdict.Unchanged, [], false), null, null)
                : new Planned(new ImportRow(j.Row.Number, v.Sku, RowVerdict.Changed, [], false, notes), null, update);
        }).ToList();
    }

    /// <summary>The cell, or for a product already in the catalogue its current value when the cell is blank or the column missing.</summary>
    private static string? Keep(SheetRow row, string key, string? current) => row.Has(key) || current is null ? row[key] : current;

    /// <summary>
    /// A 12-digit UPC-A is the EAN-13 with a leading 0 (the same check digit); Excel also drops that 0 from a barcode typed
    /// as a number. Either way the 13-digit form is what the catalogue stores.
    /// </summary>
    private static string? Barcode(string? code) =>
        code is { Length: 12 } && code.All(char.IsAsciiDigit) && Ean13.IsValid("0" + code) ? "0" + code : code;
}
