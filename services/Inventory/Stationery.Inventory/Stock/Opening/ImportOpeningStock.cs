using Marten;
using Stationery.Hosting.Import;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Stock.Levels;

namespace Stationery.Inventory.Stock.Opening;

/// <summary>
/// 期初库存导入: a branch's stock from a spreadsheet, one row per product. A row's count is what is on the shelf now, so it
/// is a stock count to that figure: the difference from what the branch holds is recorded as an adjustment with reason
/// <c>count</c>, source <c>import</c> and the note 期初库存导入 — a branch that never held the product opens its stock line at
/// the count; a branch that already holds the same figure gets no event, so importing the same file again changes nothing.
/// The products must be in the catalogue (import them first); the name, spec and unit columns are there for the reader and
/// are not imported. Needs <c>stock.adjust</c> at the branch.
/// </summary>
public static class ImportOpeningStock
{
    public const string Kind = "opening-stock";
    public const int MaxRows = 20_000;
    public const string Note = "期初库存导入 opening stock import";

    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("sku", "商品编码", Required: true, Kind: CellKind.Code),
        new("name", "品名"),
        new("spec", "规格"),
        new("unit", "单位"),
        new("count", "数量", Required: true, Kind: CellKind.Number),
    ];

    /// <summary>Sets the branch's stock of the product to <paramref name="count"/> (a count to that figure; nothing when it already is).</summary>
    public static IReadOnlyList<object> Decide(StockItem? state, string branch, ProductFacts product, int count, Recorder recorder,
        DateTimeOffset now) =>
        StockStream.Change(state, branch, product, now, s => s.OnHand == count
            ? []
            : [new StockAdjusted(branch, s.Sku, count - s.OnHand, AdjustmentReason.Count, Note, count, recorder.By, recorder.Source, now)]);

    private sealed record Planned(ImportRow Row, Product? Product, int Count);

    public static void MapImportOpeningStock(this RouteGroupBuilder branches)
    {
        branches.MapPost("/{branch}/imports/opening-stock/preview", (string branch, HttpRequest request, HttpContext http,
                IDocumentSession session, TimeProvider clock, CancellationToken ct) => RunAsync(branch, request, http, session, clock, true, ct))
            .RequirePermission("stock.adjust").WithName("PreviewOpeningStockImport").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("期初库存导入预览 (dry run): upload a .xlsx or .csv (multipart field 'file') of sku and count; every row's verdict with its problems; nothing is written.");
        branches.MapPost("/{branch}/imports/opening-stock", (string branch, HttpRequest request, HttpContext http,
                IDocumentSession session, TimeProvider clock, CancellationToken ct) => RunAsync(branch, request, http, session, clock, false, ct))
            .RequirePermission("stock.adjust").WithName("ImportOpeningStock").WithMetadata(SheetUpload.RequestLimit)
            .WithSummary("期初库存导入: set the branch's stock of each row's sku to its count (a count adjustment, source import); rows with problems are refused and listed; the same file again changes nothing.");
        branches.MapGet("/{branch}/imports/opening-stock/template", async (string branch, string? format, IQuerySession session,
                CancellationToken ct) =>
            {
                await session.BranchAsync(branch, ct);
                return SheetFormat.Download(format, Columns, $"期初库存导入模板 opening-stock-template {branch}", []);
            })
            .RequirePermission("stock.adjust").WithName("OpeningStockImportTemplate")
            .WithSummary("The opening stock import template (?format=xlsx or csv): the header row, Chinese then the English key.");
        branches.MapGet("/{branch}/exports/opening-stock", async (string branch, string? format, IQuerySession session, CancellationToken ct) =>
            {
                await session.BranchAsync(branch, ct);
                var levels = await session.Query<StockLevel>().Where(l => l.Branch == branch).OrderBy(l => l.Sku).ToListAsync(ct);
                return SheetFormat.Download(format, Columns, $"库存 stock {branch}", levels.Select(l => (IReadOnlyList<object?>)[l.Sku, l.Name, l.Spec, l.Unit, l.OnHand]));
            })
            .RequirePermission("stock.read").WithName("ExportStock")
            .WithSummary("The branch's stock on hand as .xlsx or .csv (?format=) in the opening stock import's shape.");
    }

    private static async Task<IResult> RunAsync(string branch, HttpRequest request, HttpContext http, IDocumentSession session,
        TimeProvider clock, bool dryRun, CancellationToken ct)
    {
        await session.BranchAsync(branch, ct);
        var upload = await SheetUpload.ReadAsync(request, ct);
        var sheet = SheetReader.Read(upload.Content, upload.FileName, Columns, MaxRows);
        var plan = await PlanAsync(branch, sheet, session, ct);
        if (dryRun) return TypedResults.Ok(ImportReport.Of(Kind, true, plan.Select(p => p.Row).ToList()));

        var recorder = StockStream.RecorderFor(http.User, "import");
        var now = clock.GetUtcNow();
        var applied = new HashSet<int>();
        foreach (var batch in plan.Where(p => p.Row.Verdict is RowVerdict.New or RowVerdict.Changed).Chunk(Catalogue.Importing.ImportProducts.BatchSize))
        {
            foreach (var p in batch)
                await session.DecideStock(branch, p.Product!.Sku, s => Decide(s, branch, ProductFacts.From(p.Product), p.Count, recorder, now), ct);
            await session.SaveChangesAsync(ct);
            applied.UnionWith(batch.Select(p => p.Row.Row));
        }
        return TypedResults.Ok(ImportReport.Of(Kind, false, plan.Select(p => p.Row with { Applied = applied.Contains(p.Row.Row) }).ToList()));
    }

    private static async Task<List<Planned>> PlanAsync(string branch, ImportSheet sheet, IQuerySession session, CancellationToken ct)
    {
        var skus = sheet.Rows.Select(r => r["sku"]!).Where(s => s.Length > 0).Distinct().ToArray();
        var products = new Dictionary<string, Product>(StringComparer.Ordinal);
        var levels = new Dictionary<string, StockLevel>(StringComparer.Ordinal);
        foreach (var chunk in skus.Chunk(1000))
        {
            foreach (var p in await session.LoadManyAsync<Product>(ct, chunk.Select(Product.StreamId).ToArray())) products[p.Sku] = p;
            foreach (var l in await session.LoadManyAsync<StockLevel>(ct, chunk.Select(s => StockItem.StreamId(branch, s)).ToArray())) levels[l.Sku] = l;
        }
        var bySku = sheet.Rows.Where(r => r.Has("sku")).GroupBy(r => r["sku"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Number).ToList(), StringComparer.Ordinal);

        return sheet.Rows.Select(row =>
        {
            var problems = new RowProblems(Columns);
            var sku = row["sku"] ?? "";
            var product = products.GetValueOrDefault(sku);
            if (sku.Length == 0) problems.Add("sku", "必填 / is required");
            else if (product is null) problems.Add("sku", $"商品 {sku} 不在商品目录中，请先导入商品 / unknown sku '{sku}': import or register the product first");
            else if (bySku[sku].Count > 1)
                problems.Duplicate("sku", sku, bySku[sku]);
            var count = row.Has("count") ? problems.Whole(row, "count") : null;
            if (!row.Has("count")) problems.Add("count", "必填 / is required");
            else if (count < 0) problems.Add("count", $"数量不能为负数 ({count}) / must not be negative ({count})");

            if (problems.Any) return new Planned(new ImportRow(row.Number, sku, RowVerdict.Error, problems.List, false), null, 0);
            var level = levels.GetValueOrDefault(sku);
            var verdict = level is null ? RowVerdict.New : level.OnHand == count ? RowVerdict.Unchanged : RowVerdict.Changed;
            List<string>? notes = level is null || level.OnHand == count ? null : [$"{level.OnHand} → {count}"];
            return new Planned(new ImportRow(row.Number, sku, verdict, [], false, notes), product, count!.Value);
        }).ToList();
    }
}
