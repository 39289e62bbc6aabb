using Stationery.Hosting.Errors;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;
using Stationery.Identity.Staff.Changing;
using Stationery.Identity.Staff.Disabling;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.Tests;

/// <summary>Grants within one's own reach, without a database: who may give which role at which branch, and to whom.</summary>
public class GrantRuleSpecs
{
    // The founding owner signed the chain up; east's owner was added later for branch east only.
    private static readonly Chain Chain = Chain.Create(new ChainSignedUp("demo", "演示文具连锁", "u-founder"))
        .Apply(new BranchAdded("main", "总店", "Asia/Shanghai"))
        .Apply(new BranchAdded("east", "东区店", "Asia/Shanghai"));

    private static UserAccount Account(string id, string[] roles, string[] branches, string? supplier = null) =>
        UserAccount.Create(new UserEnrolled(id, id, id, "hash", roles, branches, supplier));

    private static readonly UserAccount Founder = Account("u-founder", ["owner"], ["main", "east"]);
    private static readonly UserAccount EastOwner = Account("u-east-owner", ["owner"], ["east"]);
    private static readonly UserAccount EastClerk = Account("u-east-clerk", ["clerk"], ["east"]);
    private static readonly UserAccount MainManager = Account("u-main-manager", ["manager"], ["main"]);
    private static readonly UserAccount Hq = Account("u-hq", ["hq"], []);

    private static AccountReach Reach(UserAccount a) => AccountReach.Of(a, Chain);

    private static string Refusal(Action act) => Should.Throw<ForbiddenException>(act).Message;

    [Fact]
    public void The_owner_of_east_may_not_grant_hq_to_a_new_account_nor_to_a_clerk()
    {
        Refusal(() => GrantRules.Grant(Reach(EastOwner), ["hq"], [])).ShouldStartWith("只有总部 (hq) 或创建连锁的店主可以授予 hq");
        Refusal(() => ChangeStaffRoles.Decide(EastClerk, Chain, Reach(EastOwner), new("u-east-clerk", ["hq"], [])))
            .ShouldContain("hq is granted only by hq or the chain's founding owner");
    }

    [Fact]
    public void The_owner_of_east_may_not_grant_a_branch_they_do_not_hold()
    {
        Refusal(() => GrantRules.Grant(Reach(EastOwner), ["clerk"], ["east", "main"]))
            .ShouldBe("你不能授予自己没有的门店：main (nobody grants a branch they do not hold: main; yours: owner: east).");
    }

    [Fact]
    public void The_owner_of_east_promotes_a_clerk_of_east_to_manager_of_east()
    {
        var changed = ChangeStaffRoles.Decide(EastClerk, Chain, Reach(EastOwner), new("u-east-clerk", ["manager"], ["east"]))
            .ShouldHaveSingleItem().ShouldBeOfType<UserRolesChanged>();
        changed.Roles.ShouldBe(["manager"]);
        changed.Branches.ShouldBe(["east"]);
    }

    [Fact]
    public void A_manager_may_not_grant_owner()
    {
        Refusal(() => GrantRules.Grant(Reach(MainManager), ["owner"], ["main"]))
            .ShouldStartWith("你不能授予高于自己的角色：owner (nobody grants a role they do not hold: owner;");
    }

    [Fact]
    public void Nobody_changes_their_own_roles_not_even_hq()
    {
        Refusal(() => ChangeStaffRoles.Decide(Hq, Chain, Reach(Hq), new("u-hq", ["hq", "owner"], ["main"])))
            .ShouldStartWith("不能修改自己的角色");
        Refusal(() => ChangeStaffRoles.Decide(EastOwner, Chain, Reach(EastOwner), new("u-east-owner", ["owner"], ["east", "main"])))
            .ShouldStartWith("不能修改自己的角色");
    }

    [Fact]
    public void The_founding_owner_and_hq_grant_hq()
    {
        GrantRules.Grant(Reach(Founder), ["hq"], []);
        GrantRules.Grant(Reach(Hq), ["hq"], []);
        ChangeStaffRoles.Decide(EastOwner, Chain, Reach(Founder), new("u-east-owner", ["hq"], []))
            .ShouldHaveSingleItem().ShouldBeOfType<UserRolesChanged>().Roles.ShouldBe(["hq"]);
    }

    [Fact]
    public void Nobody_changes_or_disables_an_account_that_reaches_further_than_theirs()
    {
        Refusal(() => ChangeStaffRoles.Decide(MainManager, Chain, Reach(EastOwner), new("u-main-manager", ["clerk"], ["east"])))
            .ShouldStartWith("该账号的权限范围超出你的范围，你不能修改它");
        Refusal(() => DisableStaffMember.Decide(Hq, Chain, Reach(EastOwner), new("u-hq", "u-east-owner")))
            .ShouldStartWith("该账号的权限范围超出你的范围，你不能停用它");
        var ownerOfBoth = Account("u-other-owner", ["owner"], ["main", "east"]);
        Refusal(() => DisableStaffMember.Decide(Founder, Chain, Reach(ownerOfBoth), new("u-founder", "u-other-owner")))
            .ShouldContain("it has owner (founding owner): every branch");
        DisableStaffMember.Decide(EastClerk, Chain, Reach(EastOwner), new("u-east-clerk", "u-east-owner"))
            .ShouldHaveSingleItem().ShouldBeOfType<UserDisabled>();
    }

    [Fact]
    public void An_owner_invites_a_supplier_contact_but_a_manager_may_not()
    {
        GrantRules.Grant(Reach(EastOwner), ["supplier"], []);
        Refusal(() => GrantRules.Grant(Reach(MainManager), ["supplier"], [])).ShouldContain("supplier");
    }
}
