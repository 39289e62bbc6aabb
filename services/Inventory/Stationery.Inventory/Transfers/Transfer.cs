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

public sealed record TransferReceived(string Id, string ToBranch, string By, DateTimeOffset At);

public enum TransferStatus { InTransit, Received }

/// <summary>A transfer and where it stands; also the read model (inline projection) behind the transfer routes.</summary>
public sealed record Transfer(string Id, string FromBranch, string ToBranch, IReadOnlyList<TransferLine> Lines, string? Note,
    TransferStatus Status, string DispatchedBy, DateTimeOffset DispatchedAt, string? ReceivedBy, DateTimeOffset? ReceivedAt)
{
    public static string StreamId(string id) => $"transfer:{id}";

    public static Transfer Create(TransferDispatched e) =>
        new(StreamId(e.Id), e.FromBranch, e.ToBranch, e.Lines, e.Note, TransferStatus.InTransit, e.By, e.At, null, null);

    public Transfer Apply(TransferReceived e) => this with { Status = TransferStatus.Received, ReceivedBy = e.By, ReceivedAt = e.At };

    /// <summary>The number people quote: <c>T-20260901-3F9A1C</c>.</summary>
    public string Number => Id["transfer:".Length..];
}

public sealed record TransferView(string Id, string FromBranch, string ToBranch, IReadOnlyList<TransferLine> Lines, string? Note,
    string Status, string DispatchedBy, DateTimeOffset DispatchedAt, string? ReceivedBy, DateTimeOffset? ReceivedAt)
{
    public static TransferView From(Transfer t) => new(t.Number, t.FromBranch, t.ToBranch, t.Lines, t.Note,
        t.Status == TransferStatus.InTransit ? "in-transit" : "received", t.DispatchedBy, t.DispatchedAt, t.ReceivedBy, t.ReceivedAt);
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
            new Validation().Require(status is null or "in-transit" or "received", "status", "must be in-transit or received").ThrowIfInvalid();
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
