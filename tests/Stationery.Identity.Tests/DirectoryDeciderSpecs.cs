using Stationery.Hosting.Errors;
using Stationery.Identity.Branches.Opening;
using Stationery.Identity.Chains;
using Stationery.Identity.Chains.SigningUp;
using Stationery.Identity.Staff;
using Stationery.Identity.Staff.Changing;
using Stationery.Identity.Staff.Disabling;
using Stationery.Identity.Staff.Granting;

namespace Stationery.Identity.Tests;

/// <summary>Given events, when a command, then events — the directory's rules without a database.</summary>
public class DirectoryDeciderSpecs
{
    private static readonly Enroll Owner = new("u-owner", "owner", "张店长", "hash", ["owner"], [], null);

    private static Chain Given(params object[] events)
    {
        Chain? chain = null;
        foreach (var e in events)
            chain = e switch
            {
                ChainSignedUp s => Chain.Create(s),
                BranchAdded b => chain!.Apply(b),
                UsernameReserved u => chain!.Apply(u),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return chain!;
    }

    private static readonly Chain DemoWithMain = Given(
        new ChainSignedUp("demo", "演示文具连锁", "u-owner"),
        new UsernameReserved("owner", "u-owner"),
        new BranchAdded("main", "总店", "Asia/Shanghai"));

    [Fact]
    public void Signing_up_a_new_chain_registers_it_and_reserves_the_owners_username()
    {
        var events = SignUpChain.Decide(null, new SignUpChain.Command("demo", "演示文具连锁", Owner));

        events.ShouldBe([new ChainSignedUp("demo", "演示文具连锁", "u-owner"), new UsernameReserved("owner", "u-owner")]);
    }

    [Fact]
    public void Signing_up_a_chain_code_that_is_taken_is_a_conflict()
    {
        var e = Should.Throw<DomainException>(() => SignUpChain.Decide(DemoWithMain, new SignUpChain.Command("demo", "别家", Owner)));

        e.Status.ShouldBe(409);
        e.Code.ShouldBe("chain-exists");
    }

    [Fact]
    public void Opening_a_branch_adds_it_and_gives_it_to_the_owner_who_opened_it()
    {
        var command = new OpenBranch.Command("east", "东区店", "Asia/Shanghai");
        var owner = UserAccount.Create(new UserEnrolled("u-owner", "owner", "张店长", "hash", ["owner"], ["main"], null));

        OpenBranch.Decide(DemoWithMain, command).ShouldBe([new BranchAdded("east", "东区店", "Asia/Shanghai")]);
        var granted = OpenBranch.GrantToOpener(owner, command).ShouldHaveSingleItem().ShouldBeOfType<UserRolesChanged>();
        granted.Roles.ShouldBe(["owner"]);
        granted.Branches.ShouldBe(["main", "east"]);
    }

    [Fact]
    public void Hq_opening_a_branch_already_covers_it_so_nothing_changes_for_hq()
    {
        var hq = UserAccount.Create(new UserEnrolled("u-hq", "hq", "总部", "hash", ["hq"], [], null));

        OpenBranch.GrantToOpener(hq, new OpenBranch.Command("east", "东区店", "Asia/Shanghai")).ShouldBeEmpty();
    }

    [Fact]
    public void Opening_a_branch_twice_is_a_conflict()
    {
        var e = Should.Throw<DomainException>(() => OpenBranch.Decide(DemoWithMain, new OpenBranch.Command("main", "又一个总店", "Asia/Shanghai")));

        e.Code.ShouldBe("branch-exists");
    }

    [Fact]
    public void Enrolling_a_clerk_at_an_existing_branch_reserves_the_username_and_starts_the_account()
    {
        var clerk = new Enroll("u-clerk", "clerk", "小李", "hash", ["clerk"], ["main"], null);

        Enrollment.Decide(DemoWithMain, clerk).ShouldBe([new UsernameReserved("clerk", "u-clerk")]);
        var enrolled = Enrollment.Decide((UserAccount?)null, clerk).ShouldHaveSingleItem().ShouldBeOfType<UserEnrolled>();
        enrolled.Roles.ShouldBe(["clerk"]);
        enrolled.Branches.ShouldBe(["main"]);
    }

    [Fact]
    public void Enrolling_a_taken_username_is_a_conflict()
    {
        var e = Should.Throw<DomainException>(() =>
            Enrollment.Decide(DemoWithMain, new Enroll("u-2", "owner", "另一个", "hash", ["clerk"], ["main"], null)));

        e.Code.ShouldBe("username-taken");
        e.Status.ShouldBe(409);
    }

    [Fact]
    public void Enrolling_at_an_unknown_branch_names_the_branch()
    {
        var e = Should.Throw<ValidationException>(() =>
            Enrollment.Decide(DemoWithMain, new Enroll("u-2", "clerk", "小李", "hash", ["clerk"], ["west"], null)));

        e.Errors["branches"].ShouldHaveSingleItem().ShouldContain("west");
    }

    [Fact]
    public void Changing_roles_records_the_complete_new_roles_and_branches_once()
    {
        var chain = DemoWithMain.Apply(new BranchAdded("east", "东区店", "Asia/Shanghai"));
        var clerk = UserAccount.Create(new UserEnrolled("u-clerk", "clerk", "小李", "hash", ["clerk"], ["main"], null));
        var promote = new ChangeStaffRoles.Command("u-clerk", ["manager"], ["main", "east"]);

        var founder = AccountReach.Of(UserAccount.Create(new UserEnrolled("u-owner", "owner", "张店长", "hash", ["owner"], ["main"], null)), chain);

        var changed = ChangeStaffRoles.Decide(clerk, chain, founder, promote).ShouldHaveSingleItem().ShouldBeOfType<UserRolesChanged>();
        changed.Roles.ShouldBe(["manager"]);
        changed.Branches.ShouldBe(["main", "east"]);
        ChangeStaffRoles.Decide(clerk.Apply(changed), chain, founder, promote).ShouldBeEmpty();
    }

    [Fact]
    public void Disabling_an_account_happens_once_and_never_to_yourself()
    {
        var clerk = UserAccount.Create(new UserEnrolled("u-clerk", "clerk", "小李", "hash", ["clerk"], ["main"], null));
        var owner = AccountReach.Of(UserAccount.Create(new UserEnrolled("u-owner", "owner", "张店长", "hash", ["owner"], ["main"], null)), DemoWithMain);
        var clerkReach = AccountReach.Of(clerk, DemoWithMain);

        var disabled = DisableStaffMember.Decide(clerk, DemoWithMain, owner, new("u-clerk", "u-owner")).ShouldHaveSingleItem().ShouldBeOfType<UserDisabled>();
        DisableStaffMember.Decide(clerk.Apply(disabled), DemoWithMain, owner, new("u-clerk", "u-owner")).ShouldBeEmpty();
        Should.Throw<DomainException>(() => DisableStaffMember.Decide(clerk, DemoWithMain, clerkReach, new("u-clerk", "u-clerk"))).Code.ShouldBe("cannot-disable-self");
    }
}
