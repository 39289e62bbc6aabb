using Marten;
using Stationery.Chat.Channels;

namespace Stationery.Chat.Directory;

public static class DirectorySync
{
    /// <summary>Directory messages of one queue processed at once per replica (see the consumer definitions).</summary>
    public const int ConcurrentChanges = 1;

    /// <summary>
    /// Records a directory change and brings every branch channel's members in line with the new directory, in the
    /// caller's session (one transaction with the consumer's idempotency record).
    /// </summary>
    public static async Task RecordAsync(IDocumentSession session, Func<ChatDirectory, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ChatDirectory>(ChatDirectory.StreamId, ct);
        var before = stream.Aggregate ?? ChatDirectory.Empty;
        var events = decide(before);
        if (events.Count == 0) return;
        stream.AppendMany(events);
        var after = events.Aggregate(before, ChatDirectory.Fold);
        await ReconcileBranchChannelsAsync(session, after, ct);
        await ReconcileSupplierChannelsAsync(session, after, ct);
        foreach (var disabled in events.OfType<StaffDisabledRecorded>())
            await LeaveAdHocChannelsAsync(session, disabled.UserId, ct);
    }

    /// <summary>A disabled account leaves the ad-hoc groups and direct conversations it was in (the other side keeps the history).</summary>
    private static async Task LeaveAdHocChannelsAsync(IDocumentSession session, string userId, CancellationToken ct)
    {
        var channels = await session.Query<Channel>().Where(c => c.Members.Contains(userId)).ToListAsync(ct);
        foreach (var channel in channels.Where(c => c.IsAdHoc || c.Kind == ChannelKind.Direct))
            session.Events.Append(channel.Id, new MemberLeft(userId));
    }

    /// <summary>
    /// Every registered supplier has its order channel, with exactly the buyers and its own guests in it, and its price
    /// channel (报价), with exactly its own guests and the chain's cost roles in it.
    /// </summary>
    private static async Task ReconcileSupplierChannelsAsync(IDocumentSession session, ChatDirectory directory, CancellationToken ct)
    {
        var suppliers = directory.KnownSuppliers.Values.ToList();
        if (suppliers.Count == 0) return;
        var wanted = suppliers.SelectMany(s => new (string Id, Func<IReadOnlySet<string>, ChannelOpened> Open, IReadOnlySet<string> Members)[]
        {
            (SupplierChannels.Id(s.Id), m => SupplierChannels.Open(s.Id, s.Name, m), directory.MembersOfSupplier(s.Id)),
            (PriceChannels.Id(s.Id), m => PriceChannels.Open(s.Id, s.Name, m), directory.MembersOfPriceChannel(s.Id)),
        }).ToList();
        var existing = (await session.LoadManyAsync<Channel>(ct, wanted.Select(w => w.Id).ToArray())).ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var (id, open, members) in wanted)
        {
            if (!existing.TryGetValue(id, out var channel))
            {
                // An order card or a moved price message may open it concurrently; the loser's retry reconciles instead.
                session.Events.StartStream<Channel>(id, open(members));
                continue;
            }
            var changes = channel.Reconcile(members);
            if (changes.Count > 0) session.Events.Append(id, changes);
        }
    }

    private static async Task ReconcileBranchChannelsAsync(IDocumentSession session, ChatDirectory directory, CancellationToken ct)
    {
        var branches = directory.KnownBranches();
        var ids = branches.SelectMany(b => BranchChannels.Topics.Select(t => BranchChannels.Id(b, t))).ToArray();
        var existing = (await session.LoadManyAsync<Channel>(ct, ids)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            var members = directory.MembersOf(branch);
            foreach (var topic in BranchChannels.Topics)
            {
                var id = BranchChannels.Id(branch, topic);
                if (!existing.TryGetValue(id, out var channel))
                {
                    // A concurrent opener (a stock alert) collides on the stream id; the retry then reconciles instead.
                    session.Events.StartStream<Channel>(id, BranchChannels.Open(branch, topic, members));
                    continue;
                }
                var changes = channel.Reconcile(members);
                if (changes.Count > 0) session.Events.Append(id, changes);
            }
        }
    }
}
