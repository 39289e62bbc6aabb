using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;
using Stationery.Identity.Chains;

namespace Stationery.Identity.Staff.Granting;

/// <summary>
/// How far an account reaches, as the grant rules compare it: its highest role and its branches. hq and the chain's
/// founding owner (the owner who signed the chain up) reach every branch and rank highest; a supplier guest ranks with an
/// owner (it sees its supplier's prices and orders in every branch) and holds no branch.
/// </summary>
public sealed record AccountReach(string UserId, IReadOnlyList<string> Roles, IReadOnlyList<string> Branches, bool FoundsChain)
{
    public static AccountReach Of(UserAccount account, Chain? chain) =>
        new(account.Id, account.Roles, account.Branches, chain?.FoundingOwnerId == account.Id);

    public bool EveryBranch => FoundsChain || Roles.Contains(PlatformRoles.Hq);

    public int Rank => EveryBranch ? GrantRules.Rank(PlatformRoles.Hq) : Roles.Select(GrantRules.Rank).DefaultIfEmpty(-1).Max();

    public bool HoldsBranch(string branch) => EveryBranch || Branches.Contains(branch, StringComparer.Ordinal);

    public string Describe() =>
        $"{string.Join("/", Roles)}{(FoundsChain ? " (founding owner)" : "")}: {(EveryBranch ? "every branch" : string.Join(", ", Branches.DefaultIfEmpty("no branch")))}";
}

/// <summary>
/// Grants stay within one's own reach (issue 11): nobody grants a role or a branch they do not hold; nobody changes their
/// own roles; <c>hq</c> is granted only by hq or the chain's founding owner; nobody changes or disables an account that
/// reaches further than they do. Every refusal is a 403 naming the rule. Pure: the endpoints load both accounts.
/// </summary>
public static class GrantRules
{
    /// <summary>clerk &lt; manager &lt; owner (and supplier guest) &lt; hq.</summary>
    public static int Rank(string role) => role switch
    {
        PlatformRoles.Clerk => 0,
        PlatformRoles.Manager => 1,
        PlatformRoles.Owner or PlatformRoles.Supplier => 2,
        PlatformRoles.Hq => 3,
        _ => int.MaxValue,
    };

    /// <summary>Throws 403 unless <paramref name="by"/> may give <paramref name="roles"/> at <paramref name="branches"/>.</summary>
    public static void Grant(AccountReach by, IReadOnlyList<string> roles, IReadOnlyList<string> branches)
    {
        if (roles.Contains(PlatformRoles.Hq) && !by.EveryBranch)
            throw new ForbiddenException(
                "只有总部 (hq) 或创建连锁的店主可以授予 hq (hq is granted only by hq or the chain's founding owner).");
        var above = roles.Where(r => r != PlatformRoles.Hq && Rank(r) > by.Rank).ToList();
        if (above.Count > 0)
            throw new ForbiddenException(
                $"你不能授予高于自己的角色：{string.Join(", ", above)} (nobody grants a role they do not hold: {string.Join(", ", above)}; yours: {by.Describe()}).");
        var outside = branches.Where(b => !by.HoldsBranch(b)).ToList();
        if (outside.Count > 0)
            throw new ForbiddenException(
                $"你不能授予自己没有的门店：{string.Join(", ", outside)} (nobody grants a branch they do not hold: {string.Join(", ", outside)}; yours: {by.Describe()}).");
    }

    /// <summary>Throws 403 when <paramref name="by"/> changes their own roles or an account that reaches further than theirs.</summary>
    public static void Change(AccountReach by, AccountReach target)
    {
        if (by.UserId == target.UserId)
            throw new ForbiddenException("不能修改自己的角色 (nobody changes their own roles; ask another owner or hq).");
        Touch(by, target, "修改它", "change");
    }

    /// <summary>Throws 403 when <paramref name="target"/> reaches further than <paramref name="by"/> (change or disable).</summary>
    public static void Touch(AccountReach by, AccountReach target, string zhAction, string action)
    {
        var further = target.Rank > by.Rank
            || (target.EveryBranch && !by.EveryBranch)
            || target.Branches.Any(b => !by.HoldsBranch(b));
        if (further)
            throw new ForbiddenException(
                $"该账号的权限范围超出你的范围，你不能{zhAction} (nobody may {action} an account that reaches further than theirs: it has {target.Describe()}; you have {by.Describe()}).");
    }
}

/// <summary>Loads the caller's reach from Identity's own store (not the token, which may predate a change of roles).</summary>
public static class Grantors
{
    public static async Task<AccountReach> CallerAsync(this Marten.IQuerySession session, System.Security.Claims.ClaimsPrincipal user,
        Chain? chain, CancellationToken ct)
    {
        var account = await session.LoadAsync<UserAccount>(user.UserId(), ct);
        if (account is null || account.Disabled)
            throw new ForbiddenException("你的账号不存在或已停用 (your account is unknown or disabled).");
        return AccountReach.Of(account, chain);
    }
}
