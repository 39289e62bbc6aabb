using JasperFx;
using Marten;
using Marten.Exceptions;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Posting;
using Stationery.Hosting.Scheduling;

namespace Stationery.Chat.Alerts.SlowMovers;

/// <summary>
/// Posts each branch's weekly slow-mover digest card in its 库存监控 channel, @mentioning its owners and managers (not
/// important: it waits for their notification level). Every replica ticks; the week's mark is inserted with the post, so
/// when two race only one commit succeeds. <c>Chat:SlowMoverDigest=false</c> switches the timer off (tests run it by hand).
/// </summary>
public sealed class SlowMoverDigestPass(IDocumentStore store, TimeProvider clock, IConfiguration config, IHostApplicationLifetime lifetime,
    StockBotTexts texts, ILogger<SlowMoverDigestPass> log) : PeriodicPass(lifetime, clock, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override string Name => "weekly slow-mover digest";

    protected override bool Enabled => config.GetValue("Chat:SlowMoverDigest", true);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<SlowMoverNote> notes;
        await using (var query = store.QuerySession())
            notes = await query.Query<SlowMoverNote>().Where(n => n.AnyTenant()).ToListAsync(ct);
        var now = Clock.GetUtcNow();
        var week = SlowMoverDigest.WeekOf(now);
        var posted = 0;
        foreach (var branch in notes.Where(n => n.TenantId is not null).GroupBy(n => (Tenant: n.TenantId!, n.Branch)))
            posted += await PostAsync(branch.Key.Tenant, branch.Key.Branch, week, now, ct);
        return posted;
    }

    private async Task<int> PostAsync(string tenant, string branch, DateOnly week, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var markId = SlowMoverDigestPosted.IdFor(branch, week);
        if (await session.LoadAsync<SlowMoverDigestPosted>(markId, ct) is not null) return 0;
        // Read again in the chain's own session: a sale may have ended an episode since.
        var notes = await session.Query<SlowMoverNote>().Where(n => n.Branch == branch).ToListAsync(ct);
        if (notes.Count == 0) return 0;
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var leaders = directory.LeadersOf(branch);
        var ordered = notes.OrderByDescending(n => n.DaysWithoutSale).ThenBy(n => n.ProductName, StringComparer.Ordinal).ToList();
        var message = new BotMessage(texts.BotName, texts.SlowMoverDigest(ordered.Count, [.. leaders.Select(l => l.DisplayName)]),
            [.. leaders.Select(l => l.Id)], Important: false, Card: texts.SlowMoverDigestCard(branch, week, ordered));
        await BotPosting.PostToBranchAsync(session, directory, branch, BranchTopic.StockWatch, message, now, ct);
        foreach (var note in notes) session.Delete(note);
        session.Insert(new SlowMoverDigestPosted(markId, branch, week, notes.Count, now));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException or ExistingStreamIdCollisionException)
        {
            // Another replica posted it, or an alert raced it on the channel: the next tick decides again.
            Log.LogDebug("Slow-mover digest of {Tenant}/{Branch} for {Week} not written: {Reason}", tenant, branch, week, e.GetType().Name);
            return 0;
        }
        return 1;
    }
}
