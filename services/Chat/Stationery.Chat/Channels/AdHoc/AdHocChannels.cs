using System.Security.Cryptography;
using System.Text;
using Stationery.Chat.Directory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Channels.AdHoc;

public sealed record OpenChannelRequest(string? Kind, IReadOnlyList<string?>? Members, string? Name, string? Purpose);

public sealed record DescribeChannelRequest(string? Name, string? Purpose);

public sealed record AddMembersRequest(IReadOnlyList<string?>? Members);

public sealed record ChannelMember(string UserId, string Name);

/// <summary>A channel as its members manage it (the answer of opening, describing and changing members).</summary>
public sealed record ChannelInfo(string Id, ChannelKind Kind, string Name, string? Purpose, IReadOnlyList<ChannelMember> Members)
{
    public static ChannelInfo Of(Channel channel, ChatDirectory directory) => new(channel.Id, channel.Kind, channel.Name, channel.Purpose,
        [.. channel.Members.Select(m => new ChannelMember(m, directory.DisplayName(m)))]);
}

/// <summary>
/// Direct conversations (私聊) and ad-hoc groups (群聊) that staff open themselves. Pure rules; the routes are in
/// <see cref="AdHocChannelRoutes"/>. Only the chain's active staff take part (a supplier guest talks in its supplier
/// channel only). A direct conversation's id comes from its two people, so opening it again finds the same one; an ad-hoc
/// group's id is random, or derived from the creator and the request's <c>Idempotency-Key</c> so a retry finds the first.
/// Both are 32 hex digits after a prefix, which can never end like a branch channel's id.
/// </summary>
public static class AdHocChannels
{
    public const int MaxNameLength = 40;
    public const int MaxPurposeLength = 250;
    public const int MaxMembers = 100;

    public static string DirectId(string a, string b)
    {
        var (first, second) = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        return "dm-" + Hash($"direct\n{first}\n{second}");
    }

    public static string GroupId(string creatorId, string? idempotencyKey) =>
        "g-" + (string.IsNullOrEmpty(idempotencyKey) ? Guid.NewGuid().ToString("N") : Hash($"group\n{creatorId}\n{idempotencyKey}"));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    /// <summary>The new channel, its creator among its members; every invalid field is listed.</summary>
    public static ChannelOpened Decide(OpenChannelRequest request, string creatorId, ChatDirectory directory, string? idempotencyKey)
    {
        var validation = new Validation();
        var kind = request.Kind switch { "direct" => ChannelKind.Direct, "group" => ChannelKind.Group, _ => (ChannelKind?)null };
        if (kind is null) validation.Add("kind", "must be direct or group");
        var others = Members(request.Members, creatorId, directory, validation);
        var name = "";
        string? purpose = null;
        if (kind == ChannelKind.Direct)
        {
            validation.Require(others.Count == 1 || request.Members is not { Count: > 0 }, "members", "a direct conversation is with exactly one other person");
            validation.Require(request.Name is null && request.Purpose is null, "name", "a direct conversation has no name or purpose");
            name = string.Join(" · ", others.Prepend(creatorId).Order(StringComparer.Ordinal).Select(directory.DisplayName));
        }
        else if (kind == ChannelKind.Group)
        {
            validation.NotEmpty(request.Name, "name", MaxNameLength);
            purpose = Purpose(request.Purpose, validation);
            name = request.Name?.Trim() ?? "";
        }
        validation.ThrowIfInvalid();
        var id = kind == ChannelKind.Direct ? DirectId(creatorId, others[0]) : GroupId(creatorId, idempotencyKey);
        return new ChannelOpened(id, kind!.Value, name, purpose, null, null, [creatorId, .. others]);
    }

    /// <summary>A new name (ad-hoc groups only) or purpose. Branch and supplier channels keep their names; their purpose is
    /// set by the owners, managers and hq among their members. A direct conversation has neither.</summary>
    public const string PurposePermission = "channels.purpose";

    public static IReadOnlyList<object> DecideDescribe(Channel channel, DescribeChannelRequest request, string userId, IReadOnlyList<string> roles,
        DateTimeOffset now)
    {
        if (channel.Kind == ChannelKind.Direct) throw new ForbiddenException("A direct conversation has no name or purpose.");
        if (!channel.IsAdHoc)
        {
            if (Permissions.Named(PurposePermission) is var purposeRule && !roles.Any(purposeRule.Allows))
                throw new ForbiddenException(
                    $"需要权限 {PurposePermission}：只有 {string.Join(" / ", purposeRule.Roles)} 可以设置门店或供应商频道的用途 (only {string.Join(" / ", purposeRule.Roles)} set the purpose of a branch or supplier channel).");
            if (request.Name is not null && request.Name.Trim() != channel.Name)
                throw new ForbiddenException("Branch and supplier channels keep their names.");
        }
        var validation = new Validation();
        if (request.Name is not null) validation.NotEmpty(request.Name, "name", MaxNameLength);
        var purpose = request.Purpose is null ? channel.Purpose : Purpose(request.Purpose, validation);
        validation.ThrowIfInvalid();
        var name = request.Name?.Trim() ?? channel.Name;
        return name == channel.Name && purpose == channel.Purpose ? [] : [new ChannelDescribed(name, purpose, userId, now)];
    }

    /// <summary>Members of an ad-hoc group add the chain's staff to it.</summary>
    public static IReadOnlyList<object> DecideAdd(Channel channel, IReadOnlyList<string?>? members, string userId, ChatDirectory directory)
    {
        if (!channel.IsAdHoc) throw new ForbiddenException("Only ad-hoc groups take members by hand; the others follow the directory.");
        var validation = new Validation();
        validation.Require(members is { Count: > 0 }, "members", "must name at least one person");
        var added = Members(members, userId, directory, validation);
        validation.Require(channel.Members.Length + added.Count(m => !channel.HasMember(m)) <= MaxMembers, "members",
            $"a group holds at most {MaxMembers} people");
        validation.ThrowIfInvalid();
        return [.. added.Where(m => !channel.HasMember(m)).Select(m => new MemberJoined(m))];
    }

    /// <summary>
    /// Members manage an ad-hoc group: as any member adds people, any member removes one (or leaves). Branch, supplier and
    /// direct channels follow the directory and are not changed by hand.
    /// </summary>
    public static IReadOnlyList<object> DecideLeave(Channel channel, string leaverId, string userId)
    {
        if (!channel.IsAdHoc) throw new ForbiddenException("只有自建群可以移出成员 (only ad-hoc groups can be left or have members removed; the others follow the directory).");
        return channel.HasMember(leaverId) ? [new MemberLeft(leaverId)] : [];
    }

    private static List<string> Members(IReadOnlyList<string?>? ids, string creatorId, ChatDirectory directory, Validation validation)
    {
        if (ids is null || ids.Count == 0)
        {
            validation.Add("members", "must name at least one person");
            return [];
        }
        validation.Require(ids.Count <= MaxMembers, "members", $"must name at most {MaxMembers} people");
        var found = new List<string>();
        for (var i = 0; i < ids.Count && i < MaxMembers; i++)
        {
            var id = ids[i];
            if (id is not null && directory.Users.TryGetValue(id, out var user) && !user.Disabled && !user.HasRole(PlatformRoles.Supplier))
            {
                if (id != creatorId && !found.Contains(id)) found.Add(id);
            }
            else validation.Add($"members[{i}]", "must be an active staff member of this chain");
        }
        return found;
    }

    private static string? Purpose(string? purpose, Validation validation)
    {
        var trimmed = purpose?.Trim();
        validation.Require(trimmed is null || trimmed.Length <= MaxPurposeLength, "purpose", $"must be at most {MaxPurposeLength} characters");
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
