using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages;

/// <summary>
/// Who a message @mentions: a member by display name (<c>@张店长</c>), or every member holding a role
/// (<c>@店主</c>, <c>@店长</c>, <c>@店员</c>, <c>@总部</c>), or everyone (<c>@所有人</c>). Only members of the channel.
/// </summary>
public static class Mentions
{
    private static readonly IReadOnlyDictionary<string, string> RoleWords = new Dictionary<string, string>
    {
        ["店主"] = PlatformRoles.Owner,
        ["老板"] = PlatformRoles.Owner,
        ["店长"] = PlatformRoles.Manager,
        ["经理"] = PlatformRoles.Manager,
        ["店员"] = PlatformRoles.Clerk,
        ["总部"] = PlatformRoles.Hq,
    };

    public const string Everyone = "所有人";

    public static string[] Find(string text, Channel channel, ChatDirectory directory)
    {
        if (!text.Contains('@')) return [];
        var everyone = text.Contains("@" + Everyone, StringComparison.Ordinal);
        var roles = RoleWords.Where(w => text.Contains("@" + w.Key, StringComparison.Ordinal)).Select(w => w.Value).ToHashSet();
        return
        [
            .. channel.Members.Where(id =>
            {
                if (everyone) return true;
                var user = directory.Users.GetValueOrDefault(id);
                return user is not null
                       && (text.Contains("@" + user.DisplayName, StringComparison.Ordinal) || roles.Any(user.HasRole));
            }),
        ];
    }
}
