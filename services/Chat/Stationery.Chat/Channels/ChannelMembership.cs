using Marten;
using Stationery.Hosting.Errors;

namespace Stationery.Chat.Channels;

public static class ChannelMembership
{
    /// <summary>
    /// The channel, for one of its members. Anyone else gets 404, the same as for a channel that does not exist, so a
    /// non-member learns nothing about it.
    /// </summary>
    public static async Task<Channel> LoadForMemberAsync(this IQuerySession session, string channelId, string userId, CancellationToken ct)
    {
        var channel = await session.LoadAsync<Channel>(channelId, ct);
        return channel is not null && channel.HasMember(userId) ? channel : throw new NotFoundException("Channel", channelId);
    }
}
