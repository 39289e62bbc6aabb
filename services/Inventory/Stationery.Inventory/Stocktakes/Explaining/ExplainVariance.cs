using Marten;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Inventory.Branches;
using Stationery.Inventory.Stocktakes.Opening;

namespace Stationery.Inventory.Stocktakes.Explaining;

public sealed record ExplanationRequest(string? Reason, string? Note);

/// <summary>
/// 差异说明: why a product's count differs from the books, one of <see cref="StocktakeReasons"/>. <c>miscount</c> (数错) sends
/// the product back to its zone's counters for a recount; the others are booked with the adjustment at completion.
/// </summary>
/// <param name="BookNow">The product's on-hand now (its expected figure when nobody counted it).</param>
public sealed record ExplainVariance(string Id, string Sku, string Reason, string? Note, string By, int BookNow, string? ChatMessageId = null)
{
    public static IReadOnlyList<object> Decide(Stocktake? s, ExplainVariance c, DateTimeOffset now)
    {
        if (s is null) throw new NotFoundException("盘点单 stocktake", c.Id);
        if (s.Status != StocktakeStatus.Open)
            throw new DomainException("stocktake-closed", $"盘点 {s.Number} 已结束 (stocktake '{s.Number}' is {StocktakeView.Wire(s.Status)}).");
        if (!StocktakeReasons.All.Contains(c.Reason))
            throw new DomainException("validation", $"原因须为 {string.Join("、", StocktakeReasons.All)} 之一 (reason must be one of {string.Join(", ", StocktakeReasons.All)}).", 400);
        if (!s.Items.TryGetValue(c.Sku, out var item)) throw new NotFoundException("盘点商品 stocktake product", c.Sku);
        var zone = s.Zone(item.Plan.ZoneId)!;
        if (!zone.Finished)
            throw new DomainException("zone-not-finished",
                $"{zone.Plan.Name} 尚未清点完毕，差异还没有定 (zone '{zone.Id}' is not finished yet; its variances are judged when it is).");
        if (item.RecountRequested)
            throw new DomainException("recount-pending",
                $"{item.Plan.Name} 已标为数错，等待复盘 (sku '{c.Sku}' is waiting for its recount).");
        if (item.Line(c.BookNow).Variance == 0)
            throw new DomainException("no-variance", $"{item.Plan.Name} 与系统数据一致，无需说明 (sku '{c.Sku}' has no variance to explain).");
        return [new StocktakeVarianceExplained(s.Number, s.Branch, zone.Id, c.Sku, c.Reason, c.Note, c.By, now, c.ChatMessageId)];
    }
}

public static class ExplainVarianceEndpoint
{
    public static void MapExplainVariance(this RouteGroupBuilder branches) =>
        branches.MapPost("/{branch}/stocktakes/{id}/variances/{sku}/explanation", async (string branch, string id, string sku,
            ExplanationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            new Validation()
                .Require(request.Reason is not null && StocktakeReasons.All.Contains(request.Reason), "reason",
                    $"is required: one of {string.Join(", ", StocktakeReasons.All)}")
                .Require((request.Note ?? "").Length <= 500, "note", "must be at most 500 characters")
                .ThrowIfInvalid();
            await session.StocktakeAsync(branch, id, ct);
            var books = await session.BooksNowAsync(branch, [sku], ct);
            var command = new ExplainVariance(id, sku, request.Reason!, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
                http.User.DisplayName(), books[sku]);
            var now = clock.GetUtcNow();
            await session.Decide<Stocktake, StocktakeSnapshot>(Stocktake.StreamId(id), st => ExplainVariance.Decide(st, command, now), ct);
            await session.SaveChangesAsync(ct);
            var view = StocktakeView.From(await session.StocktakeAsync(branch, id, ct), http.User, books);
            return TypedResults.Ok(view.Lines.Single(l => l.Sku == sku));
        }).RequirePermission(OpenStocktake.Permission).WithName("ExplainStocktakeVariance")
            .WithSummary("差异说明: explain a variance {reason, note}; miscount (数错) sends the product back for a recount");
}
