using Marten;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Contracts.Identity;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// Chat's directory is one stream per chain: a burst of directory events (a chain importing its staff) must leave nobody
/// out of a channel and park nothing, and a message that really cannot be applied is parked once, after the last retry.
/// Each test uses a chain of its own, so the fixture's demo chain is untouched.
/// </summary>
public sealed class DirectoryBurstTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task Thirty_staff_added_at_once_with_their_branch_and_suppliers_all_end_in_their_channels_and_nothing_is_parked()
    {
        var chain = $"burst-{Guid.NewGuid():N}"[..14];
        var at = DateTimeOffset.UtcNow;
        var clerks = Enumerable.Range(1, 28).Select(i => $"clerk-{i:00}").ToList();
        var staff = clerks.Select(c => new StaffMemberAdded(chain, c, c, $"店员{c[^2..]}", ["clerk"], ["north"], null, at))
            .Append(new StaffMemberAdded(chain, "boss", "boss", "北店长", ["owner"], ["north"], null, at))
            .Append(new StaffMemberAdded(chain, "lead", "lead", "北经理", ["manager"], ["north"], null, at))
            .ToList();
        var suppliers = Enumerable.Range(1, 3).Select(i => new SupplierRegistered(chain, $"s-{i}", $"供应商{i}", null, 3, [], at)).ToList();
        var parkedBefore = fixture.Chat.Service<FaultReporter>().Parked;
        var errorsBefore = await ErrorQueueDepthAsync();

        // All at once through the real bus: three directory queues deliver side by side onto the chain's one directory stream.
        await Task.WhenAll(staff.Select(s => fixture.Publish(s))
            .Concat(suppliers.Select(s => fixture.Publish(s)))
            .Append(fixture.Publish(new BranchOpened(chain, "north", "北区店", "Asia/Shanghai", at))));

        var everyone = staff.Select(s => s.UserId).Order(StringComparer.Ordinal).ToArray();
        var buyers = new[] { "boss", "lead" };
        var store = fixture.Chat.Service<IDocumentStore>();
        await Probe.Until(async () =>
        {
            await using var session = store.QuerySession(chain);
            var channels = await session.LoadManyAsync<Channel>(
                [.. BranchChannels.Topics.Select(t => BranchChannels.Id("north", t)), .. suppliers.Select(s => SupplierChannels.Id(s.SupplierId))]);
            return channels.Count == 6
                && channels.Where(c => c.Branch == "north").All(c => c.Members.SequenceEqual(everyone))
                && channels.Where(c => c.Kind == ChannelKind.Supplier).All(c => c.Members.Order(StringComparer.Ordinal).SequenceEqual(buyers));
        }, TimeSpan.FromSeconds(60), "all 30 accounts in north's three channels and the buyers in the three supplier channels");

        await using (var session = store.QuerySession(chain))
        {
            var directory = (await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId))!;
            (directory.Users.Count, directory.Branches.Keys.Single(), directory.KnownSuppliers.Count).ShouldBe((30, "north", 3));
        }
        using var clerk = fixture.Chat.ClientFor(ChatFixture.Token("clerk-17", ["clerk"], ["north"], chain, "店员17"));
        (await ChatFixture.ChannelsAsync(clerk)).Select(c => c.Id).Order(StringComparer.Ordinal)
            .ShouldBe(["north-group", "north-stock-watch", "north-stocktake"]);
        fixture.Chat.Service<FaultReporter>().Parked.ShouldBe(parkedBefore, "no directory event was parked");
        (await ErrorQueueDepthAsync()).ShouldBe(errorsBefore, "nothing was moved to an _error queue");
    }

    private async Task<long> ErrorQueueDepthAsync() =>
        (await TestServers.QueueDepthsAsync(fixture.Chat.Servers)).Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Value);

    [Fact]
    public async Task A_directory_event_that_cannot_be_applied_is_parked_once_after_the_last_retry_and_counted_once()
    {
        var chain = $"poison-{Guid.NewGuid():N}"[..15];
        var reporter = fixture.Chat.Service<FaultReporter>();
        var before = reporter.Parked;

        // Roles missing (null on the wire): the directory cannot record the account, on any retry.
        await fixture.Publish(new StaffMemberAdded(chain, "broken", "broken", "坏数据", null!, ["north"], null, DateTimeOffset.UtcNow));

        var error = await Probe.Until(async () => (await TestServers.QueueDepthsAsync(fixture.Chat.Servers))
                .Where(q => q.Key.EndsWith("staff-member-added_error", StringComparison.Ordinal)).Sum(q => q.Value),
            n => n > 0, TimeSpan.FromSeconds(60), "the message in the staff-member-added _error queue");
        error.ShouldBe(1);
        // MassTransit tells the observer just after it moved the message.
        await Probe.Until(() => Task.FromResult(reporter.Parked), n => n > before, what: "the parked message counted");
        reporter.Parked.ShouldBe(before + 1, "parked is counted once per message, after the last of its retries");
    }
}
