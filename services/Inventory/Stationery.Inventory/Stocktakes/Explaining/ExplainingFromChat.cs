using Marten;
using MassTransit;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Inventory.Stocktakes.Counting;
using Contract = Stationery.Contracts.Inventory;

namespace Stationery.Inventory.Stocktakes.Explaining;

/// <summary>
/// An explanation chosen with a button on a variance card: taken as the app takes it, unless the presser may not (permission
/// <c>stocktake.count</c> in chat, and the branch, checked again here) or the stocktake says no (closed, no such variance) —
/// then <c>StocktakeChatRefused</c> tells the card why.
/// </summary>
public sealed class StocktakeVarianceExplanationRequestedConsumer(IDocumentStore store, TimeProvider clock,
    ILogger<StocktakeVarianceExplanationRequestedConsumer> log) : IdempotentConsumer<Contract.StocktakeVarianceExplanationRequested>(store, log)
{
    protected override async Task Apply(IDocumentSession session, Contract.StocktakeVarianceExplanationRequested m,
        ConsumeContext<Contract.StocktakeVarianceExplanationRequested> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var streamId = Stocktake.StreamId(m.StocktakeId);
        var (s, _) = await session.Load<Stocktake, StocktakeSnapshot>(streamId, ct);
        if (s is null)
        {
            log.LogWarning("Explanation of {Sku} from chat card {Message}: no stocktake {Stocktake}; ignored", m.Sku, m.ChatMessageId, m.StocktakeId);
            return;
        }
        var by = string.IsNullOrWhiteSpace(m.RequestedByName) ? m.RequestedBy : m.RequestedByName;
        StocktakeExplanationRefused Refuse(string why) => new(s.Number, s.Branch, m.Sku, why, by, m.ChatMessageId, now);
        string? refusal = null;
        if (!m.RequestedByRoles.Any(Permissions.Named(RecordCount.Permission).Allows))
            refusal = $"{by} 没有盘点权限 {RecordCount.Permission} ({by} lacks the permission '{RecordCount.Permission}').";
        else if (!m.RequestedByRoles.Contains(PlatformRoles.Hq) && !m.RequestedByBranches.Contains(m.BranchId))
            refusal = $"{by} 不属于门店 {m.BranchId} ({by} does not work at branch '{m.BranchId}').";
        else if (s.Branch != m.BranchId)
            refusal = $"盘点 {s.Number} 不属于门店 {m.BranchId} (stocktake '{s.Number}' is another branch's).";
        if (refusal is not null)
        {
            await session.Decide<Stocktake, StocktakeSnapshot>(streamId, _ => [Refuse(refusal)], ct);
            return;
        }
        var books = await session.BooksNowAsync(s.Branch, [m.Sku], ct);
        var command = new ExplainVariance(s.Number, m.Sku, m.Reason, string.IsNullOrWhiteSpace(m.Note) ? null : m.Note.Trim(), by,
            books[m.Sku], m.ChatMessageId);
        await session.Decide<Stocktake, StocktakeSnapshot>(streamId, st =>
        {
            try
            {
                return ExplainVariance.Decide(st, command, now);
            }
            catch (DomainException e)
            {
                return [Refuse(e.Message)];
            }
        }, ct);
    }
}
