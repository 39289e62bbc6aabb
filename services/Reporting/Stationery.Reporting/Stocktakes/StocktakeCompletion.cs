using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using MassTransit;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Reporting.Branches;

namespace Stationery.Reporting.Stocktakes;

/// <summary>
/// A completed stocktake (盘点) as Reporting keeps it, on the branch's own calendar day of its completion. Each is a stream
/// named after the message it came from (<see cref="StreamId"/>), as sales are; the <see cref="CompletedStocktakeProjection"/>
/// keys the read model by the stocktake, so a replayed completion rewrites the same figures.
/// </summary>
public sealed record StocktakeRecorded(string Branch, string StocktakeId, string Kind, int SkusCounted, int ExpectedUnits, int VarianceUnits,
    decimal AccuracyUnits, decimal ExpectedValue, decimal VarianceValue, decimal AccuracyValue, int Adjustments, string CompletedBy,
    DateTimeOffset CompletedAt, DateOnly Day)
{
    public static string StreamId(Guid messageId) => $"stocktake:{messageId}";
}

/// <summary>A stocktake completed at a branch on one of its days, with its accuracy (read model of <see cref="StocktakeRecorded"/>).</summary>
/// <param name="DayNumber"><see cref="DateOnly.DayNumber"/> of <paramref name="Day"/>, what range queries compare.</param>
public sealed record CompletedStocktake(string Id, string Branch, DateOnly Day, int DayNumber, string Kind, int SkusCounted, int ExpectedUnits,
    int VarianceUnits, decimal AccuracyUnits, decimal ExpectedValue, decimal VarianceValue, decimal AccuracyValue, int Adjustments,
    string CompletedBy, DateTimeOffset CompletedAt);

public sealed class CompletedStocktakeProjection : MultiStreamProjection<CompletedStocktake, string>
{
    public CompletedStocktakeProjection() => Identity<StocktakeRecorded>(s => s.StocktakeId);

    public override CompletedStocktake? Evolve(CompletedStocktake? snapshot, string id, IEvent e) => e.Data switch
    {
        StocktakeRecorded s => new CompletedStocktake(id, s.Branch, s.Day, s.Day.DayNumber, s.Kind, s.SkusCounted, s.ExpectedUnits,
            s.VarianceUnits, s.AccuracyUnits, s.ExpectedValue, s.VarianceValue, s.AccuracyValue, s.Adjustments, s.CompletedBy, s.CompletedAt),
        _ => snapshot,
    };
}

/// <summary>
/// Inventory's <see cref="StocktakeCompleted"/> → <see cref="StocktakeRecorded"/> on the day it was completed at the branch
/// (its zone from the branch's copy; China time until the branch's opening arrives), for the daily report.
/// </summary>
public sealed class StocktakeCompletedConsumer(IDocumentStore store, ILogger<StocktakeCompletedConsumer> log)
    : IdempotentConsumer<StocktakeCompleted>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StocktakeCompleted c, ConsumeContext<StocktakeCompleted> context)
    {
        var branch = await session.LoadAsync<BranchCopy>(c.BranchId, context.CancellationToken);
        var day = BranchCalendar.Day(c.OccurredAt, branch?.Zone ?? BranchCalendar.Zone(null));
        session.Events.StartStream(StocktakeRecorded.StreamId(context.MessageId!.Value), new StocktakeRecorded(c.BranchId, c.StocktakeId, c.Kind,
            c.SkusCounted, c.ExpectedUnits, c.VarianceUnits, c.AccuracyUnits, c.ExpectedValue, c.VarianceValue, c.AccuracyValue, c.Adjustments,
            c.CompletedBy, c.OccurredAt, day));
    }
}
