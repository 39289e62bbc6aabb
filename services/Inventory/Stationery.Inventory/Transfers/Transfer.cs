using Stationery.Hosting.Security;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Inventory.Branches;

namespace Stationery.Inventory.Transfers;

// 调拨: stock moving from one branch to another of the same chain. One stream per transfer, `transfer:{id}`; the
// stock streams of both branches record their side (out at dispatch, in transit, in on confirmation).

public sealed record TransferLine(string Sku, string Name, string Spec, string Unit, int Quantity);

public sealed record TransferDispatched(string Id, string FromBranch, string ToBranch, IReadOnlyList<TransferLine> Lines,
    string? Note, string By, DateTimeOffset At);

/// <summary>
/// 收货: units of a transfer arrived at the receiving branch. <paramref name="Lines"/>: what arrived this time (a partial
/// receipt names fewer units than were sent; the rest stays on its way); absent in receipts recorded before partial
/// receipts existed, which took in everything. <paramref name="FromBranch"/> and <paramref name="Outstanding"/> (what is still on
/// its way after this receipt) are what the published fact carries; absent in receipts recorded before transfers were
/// published. <paramref name="ChatMessageId"/>: the chat card the receipt was asked from (收货), if any.
/// </summary>
public sealed record TransferReceived(string Id, string ToBranch, string By, DateTimeOffset At, IReadOnlyList<TransferLine>? Lines = null,
    string? FromBranch = null, IReadOnlyList<TransferLine>? Outstanding = null, string? ChatMessageId = null);

/// <summary>
/// A receipt asked from a chat card (收货) was not taken: nothing moved, and the card says why. Recorded on the transfer's
/// stream so that it leaves the service through the outbox like every other fact; it does not change the transfer.
/// </summary>
/// <param name="Reason"><c>already-received</c>, <c>not-permitted</c> or <c>wrong-branch</c>.</param>
public sealed record TransferReceiptRefused(string Id, string Branch, string Reason, string Explanation, string By, string ChatMessageId,
    DateTimeOffset At);

public enum TransferStatus { InTransit, Received, PartlyReceived }

/// <summary>A transfer and where it stands; also the read model (inline projection) behind the transfer routes.</summary>
/// <param name="Arrived">Units received so far per sku (empty until the first receipt).</param>
public sealed record Transfer(string Id, string FromBranch, string ToBranch, IReadOnlyList<TransferLine> Lines, string? Note,
    TransferStatus Status, string DispatchedBy, DateTimeOffset DispatchedAt, string? ReceivedBy, DateTimeOffset? ReceivedAt,
    IReadOnlyDictionary<string, int>? Arrived = null)
{
    public static string StreamId(string id) => $"transfer:{id}";

    public static Transfer Create(TransferDispatched e) =>
        new(StreamId(e.Id), e.FromBranch, e.ToBranch, e.Lines, e.Note, TransferStatus.InTransit, e.By, e.At, null, null);

    /// <summary>Units of <paramref name="sku"/> sent and not yet received.</summary>
    public int Outstanding(string sku) =>
        Lines.Where(l => l.Sku == sku).Sum(l => l.Quantity) - (Arrived?.GetValueOrDefault(sku) ?? 0);

    /// <summary>The lines still on their way, with the units still to come.</summary>
    public IReadOnlyList<TransferLine> OutstandingLines =>
        [.. Lines.Select(l => l with { Quantity = Outstanding(l.Sku) }).Where(l => l.Quantity > 0)];

    public Transfer Apply(TransferReceived e)
    {
        var arrived = new Dictionary<string, int>(Arrived ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        foreach (var line in e.Lines ?? OutstandingLines)
            arrived[line.Sku] = arrived.GetValueOrDefault(line.Sku) + line.Quantity;
        var next = this with { Arrived = arrived, ReceivedBy = e.By, ReceivedAt = e.At };
        return next with { Status = next.OutstandingLines.Count == 0 ? TransferStatus.Received : TransferStatus.PartlyReceived };
    }

    /// <summary>The number people quote: <c>T-20260901-3F9A1C</c>.</summary>
    public string Number => Id["transfer:".Length..];
}

/// <param name="Received">Units received so far, per line (zero until the first receipt).</param>
/// <param name="Status"><c>in-transit</c>, <c>partly-received</c> (some units still on their way) or <c>received</c>.</param>
public sealed record TransferView(string Id, string FromBranch, string ToBranch, IReadOnlyList<TransferLine> Lines, string? Note,
    string Status, string DispatchedBy, DateTimeOffset DispatchedAt, string? ReceivedBy, DateTimeOffset? ReceivedAt,
    IReadOnlyList<TransferLine> Received)
{
    public static TransferView From(Transfer t) => new(t.Number, t.FromBranch, t.ToBranch, t.Lines, t.Note,
        t.Status switch { TransferStatus.InTransit => "in-transit", TransferStatus.PartlyReceived => "partly-received", _ => "received" },
        t.DispatchedBy, t.DispatchedAt, t.ReceivedBy, t.ReceivedAt,
        [.. t.Lines.Select(l => l with { Quantity = t.Arrived?.GetValueOrDefault(l.Sku) ?? 0 })]);
}

public static class ListTransfers
{
    /// <summary>A branch's transfers, out and in, newest first; <c>?status=in-transit|received</c>.</summary>
    public static void MapListTransfers(this RouteGroupBuilder branches)
    {
        branches.MapGet("/{branch}/transfers", async (string branch, string? status, HttpContext http, IQuerySession session,
            CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            new Validation().Require(status is null or "in-transit" or "partly-received" or "received", "status",
                "must be in-transit, partly-received or received").ThrowIfInvalid();
            var transfers = await session.Query<Transfer>()
                .Where(t => t.FromBranch == branch || t.ToBranch == branch)
                .OrderByDescending(t => t.DispatchedAt).Take(1000).ToListAsync(ct);
            return TypedResults.Ok(transfers.Select(TransferView.From).Where(t => status is null || t.Status == status).Take(200).ToList());
        }).RequirePermission("stock.read").WithName("ListTransfers");

        branches.MapGet("/{branch}/transfers/{id}", async (string branch, string id, HttpContext http, IQuerySession session,
            CancellationToken ct) =>
        {
            await session.BranchAsync(branch, ct);
            var transfer = await session.LoadAsync<Transfer>(Transfer.StreamId(id), ct);
            if (transfer is null || (transfer.FromBranch != branch && transfer.ToBranch != branch))
                throw new NotFoundException("调拨单 transfer", id);
            return TypedResults.Ok(TransferView.From(transfer));
        }).RequirePermission("stock.read").WithName("GetTransfer");
    }
}
