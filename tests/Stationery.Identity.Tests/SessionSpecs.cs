using Stationery.Hosting.Errors;
using Stationery.Identity.Sessions;
using Stationery.Identity.Staff;
using Stationery.Identity.Staff.Granting;
using Stationery.Identity.Staff.ResettingPassword;
using static Stationery.Identity.Sessions.RefreshTokens;

namespace Stationery.Identity.Tests;

/// <summary>The refresh and reset rules without a database.</summary>
public class SessionSpecs
{
    private static readonly DateTimeOffset Now = new(2025, 2, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly UserAccount Clerk = new("u-clerk", "clerk", "小李", "hash", ["clerk"], ["main"], null, false);
    private static readonly RefreshSession Token = new("hash-1", "u-clerk", "family-1", Now.AddDays(-1), Now.AddDays(13));

    [Fact]
    public void A_live_unused_token_of_an_enabled_account_is_valid() =>
        Judge(Token, spent: false, Clerk, Now).ShouldBe(Verdict.Valid);

    [Fact]
    public void A_used_token_is_a_replay_even_when_its_account_is_disabled() =>
        Judge(Token, spent: true, Clerk with { Disabled = true }, Now).ShouldBe(Verdict.Replayed);

    [Fact]
    public void An_expired_token_and_an_unknown_one_are_refused()
    {
        Judge(Token, spent: false, Clerk, Token.ExpiresAt).ShouldBe(Verdict.Expired);
        Judge(null, spent: false, Clerk, Now).ShouldBe(Verdict.Unknown);
    }

    [Fact]
    public void A_disabled_or_missing_account_cannot_refresh()
    {
        Judge(Token, spent: false, Clerk with { Disabled = true }, Now).ShouldBe(Verdict.AccountDisabled);
        Judge(Token, spent: false, null, Now).ShouldBe(Verdict.AccountDisabled);
    }

    [Fact]
    public void A_token_names_its_chain_and_anything_else_names_none()
    {
        ChainOf("demo." + new string('A', 43)).ShouldBe("demo");
        ChainOf("demo.short").ShouldBeNull();
        ChainOf("Demo!." + new string('A', 43)).ShouldBeNull();
        ChainOf(null).ShouldBeNull();
    }

    [Fact]
    public void An_owner_of_main_resets_main_s_clerk_but_not_an_hq_account_nor_one_with_another_branch()
    {
        var owner = new AccountReach("u-owner", ["owner"], ["main"], FoundsChain: false);
        ResetPassword.Decide(Clerk, Clerk.Id, null, owner, "new-hash").ShouldBe([new PasswordChanged("new-hash", "u-owner")]);
        Should.Throw<ForbiddenException>(() => ResetPassword.Decide(Clerk with { Roles = ["hq"], Branches = [] }, Clerk.Id, null, owner, "h"));
        Should.Throw<ForbiddenException>(() => ResetPassword.Decide(Clerk with { Branches = ["main", "east"] }, Clerk.Id, null, owner, "h"));
        var hq = new AccountReach("u-hq", ["hq"], [], FoundsChain: false);
        ResetPassword.Decide(Clerk with { Roles = ["hq"], Branches = [] }, Clerk.Id, null, hq, "h").Count.ShouldBe(1);
    }

    [Fact]
    public void Nobody_resets_their_own_password_and_a_disabled_account_is_not_reset()
    {
        var self = new AccountReach(Clerk.Id, ["owner"], ["main"], FoundsChain: false);
        Should.Throw<DomainException>(() => ResetPassword.Decide(Clerk, Clerk.Id, null, self, "h")).Code.ShouldBe("cannot-reset-own-password");
        var owner = new AccountReach("u-owner", ["owner"], ["main"], FoundsChain: false);
        Should.Throw<DomainException>(() => ResetPassword.Decide(Clerk with { Disabled = true }, Clerk.Id, null, owner, "h")).Code.ShouldBe("account-disabled");
        Should.Throw<NotFoundException>(() => ResetPassword.Decide(null, "u-none", null, owner, "h"));
    }
}
