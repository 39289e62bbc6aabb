using Stationery.Chat.Channels;
using Stationery.Chat.Channels.AdHoc;
using Stationery.Chat.Directory;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Errors;

namespace Stationery.Chat.Tests;

/// <summary>Direct conversations and ad-hoc groups (pure; no servers).</summary>
public sealed class AdHocChannelSpecs
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly ChatDirectory Directory = new object[]
        {
            Staff("owner", "张店长", ["owner"], ["main"]), Staff("clerk", "小李", ["clerk"], ["main"]),
            Staff("clerk-east", "小周", ["clerk"], ["east"]), Staff("supplier", "供应商陈", ["supplier"], []),
            Staff("gone", "老王", ["clerk"], ["main"]), new StaffMemberDisabled("demo", "gone", T0),
        }
        .Aggregate(ChatDirectory.Empty, (d, e) => e switch
        {
            StaffMemberAdded a => d.Decide(a).Aggregate(d, ChatDirectory.Fold),
            StaffMemberDisabled x => d.Decide(x).Aggregate(d, ChatDirectory.Fold),
            _ => d,
        });

    private static StaffMemberAdded Staff(string id, string name, string[] roles, string[] branches) =>
        new("demo", id, id, name, roles, branches, roles.Contains("supplier") ? "sup-1" : null, T0);

    private static Channel Open(OpenChannelRequest request, string creator = "clerk", string? key = null) =>
        Channel.Fold(null, AdHocChannels.Decide(request, creator, Directory, key))!;

    private static Channel Group(params string[] members) => Open(new("group", members, "开学季备货", null));

    private static IDictionary<string, string[]> Invalid(Action act) => Should.Throw<ValidationException>(act).Errors;

    [Fact]
    public void A_direct_conversation_is_the_same_one_whoever_opens_it_and_holds_just_the_two()
    {
        var byClerk = Open(new("direct", ["owner"], null, null));
        var byOwner = Open(new("direct", ["clerk"], null, null), creator: "owner");

        byClerk.Id.ShouldBe(byOwner.Id);
        byClerk.Id.ShouldStartWith("dm-");
        byClerk.Kind.ShouldBe(ChannelKind.Direct);
        byClerk.Members.ShouldBe(["clerk", "owner"]);
        byClerk.Name.ShouldBe("小李 · 张店长");
        byClerk.IsAdHoc.ShouldBeFalse();
    }

    [Fact]
    public void A_group_holds_its_creator_and_the_named_staff_once_and_a_retry_with_the_same_key_is_the_same_group()
    {
        var group = Open(new("group", ["owner", "clerk-east", "owner", "clerk"], "  开学季备货 ", "九月前备齐"));

        (group.Name, group.Purpose, group.Branch, group.IsAdHoc).ShouldBe(("开学季备货", "九月前备齐", (string?)null, true));
        group.Members.ShouldBe(["clerk", "clerk-east", "owner"]);
        var request = new OpenChannelRequest("group", ["owner"], "盘点小组", null);
        Open(request, key: "k-1").Id.ShouldBe(Open(request, key: "k-1").Id);
        Open(request, key: "k-1").Id.ShouldNotBe(Open(request, key: "k-1", creator: "owner").Id);
        Open(request).Id.ShouldNotBe(Open(request).Id);
    }

    [Fact]
    public void Only_active_staff_of_the_chain_take_part_and_every_bad_field_is_named()
    {
        Invalid(() => Open(new("group", ["owner", "supplier", "gone", "nobody"], "", new string('话', 251))))
            .Keys.Order().ShouldBe(["members[1]", "members[2]", "members[3]", "name", "purpose"]);
        Invalid(() => Open(new("direct", ["owner", "clerk-east"], null, null))).Keys.ShouldBe(["members"]);
        Invalid(() => Open(new("direct", ["clerk"], null, null))).Keys.ShouldBe(["members"]);
        Invalid(() => Open(new("direct", ["owner"], "私聊", null))).Keys.ShouldBe(["name"]);
        Invalid(() => Open(new("channel", [], null, null))).Keys.Order().ShouldBe(["kind", "members"]);
    }

    [Fact]
    public void Members_rename_an_ad_hoc_group_leads_set_a_branch_channels_purpose_and_a_direct_conversation_has_neither()
    {
        var group = Group("owner");
        AdHocChannels.DecideDescribe(group, new("备货群", "九月"), "clerk", ["clerk"], T0)
            .ShouldBe([new ChannelDescribed("备货群", "九月", "clerk", T0)]);
        AdHocChannels.DecideDescribe(group, new(null, null), "clerk", ["clerk"], T0).ShouldBeEmpty();
        AdHocChannels.DecideDescribe(group with { Purpose = "九月" }, new(null, ""), "clerk", ["clerk"], T0)
            .ShouldBe([new ChannelDescribed(group.Name, null, "clerk", T0)]);

        var branchGroup = Channel.Fold(null, BranchChannels.Open("main", BranchTopic.General, ["owner", "clerk"]))!;
        AdHocChannels.DecideDescribe(branchGroup, new(null, "本周重点:开学季"), "owner", ["owner"], T0)
            .ShouldBe([new ChannelDescribed("门店群", "本周重点:开学季", "owner", T0)]);
        Should.Throw<ForbiddenException>(() => AdHocChannels.DecideDescribe(branchGroup, new(null, "随便"), "clerk", ["clerk"], T0));
        Should.Throw<ForbiddenException>(() => AdHocChannels.DecideDescribe(branchGroup, new("改名", null), "owner", ["owner"], T0));
        var direct = Open(new("direct", ["owner"], null, null));
        Should.Throw<ForbiddenException>(() => AdHocChannels.DecideDescribe(direct, new(null, "x"), "clerk", ["clerk"], T0));
        Invalid(() => AdHocChannels.DecideDescribe(group, new(" ", null), "clerk", ["clerk"], T0)).Keys.ShouldBe(["name"]);
    }

    [Fact]
    public void Members_add_staff_to_an_ad_hoc_group_and_remove_them_or_leave_while_other_channels_follow_the_directory()
    {
        var group = Group("owner");
        AdHocChannels.DecideAdd(group, ["clerk-east", "owner"], "clerk", Directory).ShouldBe([new MemberJoined("clerk-east")]);
        Invalid(() => AdHocChannels.DecideAdd(group, ["supplier"], "clerk", Directory)).Keys.ShouldBe(["members[0]"]);
        AdHocChannels.DecideLeave(group, "clerk", "clerk").ShouldBe([new MemberLeft("clerk")]);
        AdHocChannels.DecideLeave(group, "owner", "clerk").ShouldBe([new MemberLeft("owner")]);
        AdHocChannels.DecideLeave(group, "clerk-east", "clerk").ShouldBeEmpty();

        var branchGroup = Channel.Fold(null, BranchChannels.Open("main", BranchTopic.General, ["owner", "clerk"]))!;
        Should.Throw<ForbiddenException>(() => AdHocChannels.DecideAdd(branchGroup, ["clerk-east"], "owner", Directory));
        Should.Throw<ForbiddenException>(() => AdHocChannels.DecideLeave(branchGroup, "clerk", "clerk"));
        Should.Throw<ForbiddenException>(() => AdHocChannels.DecideLeave(Open(new("direct", ["owner"], null, null)), "clerk", "clerk"));
    }
}
