using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Contracts.Identity;

namespace Stationery.Chat.Tests;

/// <summary>Chat's copy of the directory and who belongs in a branch's channels (pure; no servers).</summary>
public sealed class DirectorySpecs
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static ChatDirectory Given(params object[] events) => events.Aggregate(ChatDirectory.Empty, ChatDirectory.Fold);

    private static ChatDirectory When(ChatDirectory d, Func<ChatDirectory, IReadOnlyList<object>> decide) =>
        decide(d).Aggregate(d, ChatDirectory.Fold);

    private static StaffMemberAdded Staff(string id, string name, string[] roles, string[] branches, DateTimeOffset? at = null) =>
        new("demo", id, id, name, roles, branches, roles.Contains("supplier") ? "sup-1" : null, at ?? T0);

    [Fact]
    public void Staff_belong_to_their_branches_hq_to_every_branch_and_suppliers_to_none()
    {
        var d = Given();
        foreach (var s in new[]
                 {
                     Staff("owner", "张店长", ["owner"], ["main", "east"]),
                     Staff("clerk", "小李", ["clerk"], ["main"]),
                     Staff("hq", "总部王", ["hq"], []),
                     Staff("supplier", "供应商陈", ["supplier"], []),
                 })
            d = When(d, x => x.Decide(s));
        d = When(d, x => x.Decide(new BranchOpened("demo", "main", "总店", "Asia/Shanghai", T0)));
        d = When(d, x => x.Decide(new BranchOpened("demo", "east", "东区店", "Asia/Shanghai", T0)));

        d.MembersOf("main").Order().ShouldBe(["clerk", "hq", "owner"]);
        d.MembersOf("east").Order().ShouldBe(["hq", "owner"]);
        d.LeadersOf("main").Select(u => u.Id).ShouldBe(["owner"]);
        d.BranchName("east").ShouldBe("东区店");
    }

    [Fact]
    public void A_staff_member_known_before_the_branch_opens_makes_the_branch_known()
    {
        var d = When(Given(), x => x.Decide(Staff("clerk-north", "小赵", ["clerk"], ["north"])));

        d.KnownBranches().ShouldBe(["north"]);
        d.MembersOf("north").ShouldBe(["clerk-north"]);
    }

    [Fact]
    public void A_role_change_that_overtakes_the_account_creation_is_not_undone_by_it()
    {
        var d = When(Given(), x => x.Decide(new StaffRolesChanged("demo", "lin", ["manager"], ["east"], T0.AddMinutes(5))));
        d = When(d, x => x.Decide(Staff("lin", "林经理", ["clerk"], ["main"], T0)));

        var lin = d.Users["lin"];
        lin.DisplayName.ShouldBe("林经理");
        lin.Roles.ShouldBe(["manager"]);
        lin.Branches.ShouldBe(["east"]);
    }

    [Fact]
    public void An_older_role_change_arriving_late_is_ignored()
    {
        var d = When(Given(), x => x.Decide(Staff("lin", "林经理", ["manager"], ["east"], T0.AddMinutes(5))));

        d.Decide(new StaffRolesChanged("demo", "lin", ["clerk"], ["main"], T0)).ShouldBeEmpty();
    }

    [Fact]
    public void A_disabled_account_belongs_nowhere_even_if_its_creation_arrives_after_the_disabling()
    {
        var d = When(Given(), x => x.Decide(new StaffMemberDisabled("demo", "gone", T0.AddMinutes(5))));
        d = When(d, x => x.Decide(Staff("gone", "小钱", ["manager"], ["main"], T0)));

        d.MembersOf("main").ShouldBeEmpty();
        d.LeadersOf("main").ShouldBeEmpty();
        d.Decide(new StaffMemberDisabled("demo", "gone", T0.AddMinutes(6))).ShouldBeEmpty();
    }

    [Fact]
    public void Reconciling_a_channel_adds_the_missing_and_removes_the_departed()
    {
        var channel = Channel.Fold(null, BranchChannels.Open("main", BranchTopic.StockWatch, ["owner", "clerk"]))!;

        var changes = channel.Reconcile(new HashSet<string> { "owner", "lin" });

        changes.ShouldBe([new MemberJoined("lin"), new MemberLeft("clerk")]);
        changes.Aggregate(channel, (c, e) => Channel.Fold(c, e)!).Members.ShouldBe(["lin", "owner"]);
    }

    [Fact]
    public void A_supplier_channel_holds_the_chains_buyers_and_that_suppliers_guests_whichever_arrived_first()
    {
        var d = When(Given(), x => x.Decide(Staff("supplier", "供应商陈", ["supplier"], [])));
        foreach (var s in new[]
                 {
                     Staff("owner", "张店长", ["owner"], ["main"]),
                     Staff("lin", "林经理", ["manager"], ["east"]),
                     Staff("clerk", "小李", ["clerk"], ["main"]),
                     Staff("hq", "总部王", ["hq"], []),
                     new StaffMemberAdded("demo", "other-guest", "other-guest", "得力小陈", ["supplier"], [], "sup-2", T0),
                 })
            d = When(d, x => x.Decide(s));
        d = When(d, x => x.Decide(new Stationery.Contracts.Purchasing.SupplierRegistered("demo", "sup-1", "晨光文具供应商", null, 3, [], T0)));

        d.KnownSuppliers["sup-1"].Name.ShouldBe("晨光文具供应商");
        d.MembersOfSupplier("sup-1").Order().ShouldBe(["hq", "lin", "owner", "supplier"]);
        d.GuestsOf("sup-1").Select(u => u.Id).ShouldBe(["supplier"]);
        d.MembersOf("main").ShouldNotContain("supplier");
        d.Decide(new Stationery.Contracts.Purchasing.SupplierRegistered("demo", "sup-1", "晨光文具供应商", null, 3, [], T0)).ShouldBeEmpty();
    }
}
