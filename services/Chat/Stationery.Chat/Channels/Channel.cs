using JasperFx.Events;
using Marten.Events.Aggregation;
using Stationery.Chat.Attachments;
using Stationery.Chat.Messages.Cards;

namespace Stationery.Chat.Channels;

/// <summary>What a channel is: a group (a branch's or ad-hoc), a supplier's order channel, a direct conversation, a supplier's price channel (报价).</summary>
public enum ChannelKind { Group, Supplier, Direct, Prices }

/// <summary>What a branch channel is for: every branch gets one of each (门店群, 库存监控, 盘点).</summary>
public enum BranchTopic { General, StockWatch, Stocktake }

/// <summary>A channel was created (first event of its stream; the stream id is the channel id).</summary>
public sealed record ChannelOpened(string ChannelId, ChannelKind Kind, string Name, string? Purpose, string? Branch,
    BranchTopic? Topic, string[] Members);

public sealed record MemberJoined(string UserId);

/// <summary>A member renamed the channel or changed its purpose (话题/用途); an empty purpose clears it.</summary>
public sealed record ChannelDescribed(string Name, string? Purpose, string By, DateTimeOffset At);

public sealed record MemberLeft(string UserId);

/// <summary>
/// A message in the channel. <see cref="Seq"/> is gap-free within the channel because the channel's own state hands it
/// out (last + 1) and the stream is written with optimistic concurrency or an exclusive lock.
/// </summary>
public sealed record MessagePosted(Guid MessageId, long Seq, string? Branch, string AuthorId, string AuthorName, string Text,
    string[] Mentions, bool Important, Guid? ReplyTo, string? ClientMessageId, DateTimeOffset PostedAt, Card? Card = null,
    AttachmentRef[]? Attachments = null, bool Quiet = false);

/// <summary>The author changed a message's text (every version stays in the stream).</summary>
public sealed record MessageEdited(Guid MessageId, long Seq, string Text, string[] Mentions, DateTimeOffset EditedAt);

/// <summary>The author withdrew a message; readers see that it was there, not what it said.</summary>
public sealed record MessageDeleted(Guid MessageId, long Seq, DateTimeOffset DeletedAt);

/// <summary>A channel's state: who is in it and how far its sequence has got. Immutable; built by <see cref="Fold"/>.</summary>
public sealed record Channel(string Id, ChannelKind Kind, string Name, string? Purpose, string? Branch, BranchTopic? Topic,
    string[] Members, long LastSeq, DateTimeOffset? LastPostedAt)
{
    public bool HasMember(string userId) => Members.Contains(userId, StringComparer.Ordinal);

    /// <summary>A group people opened themselves (not a branch's or a supplier's): its members manage it.</summary>
    public bool IsAdHoc => Kind == ChannelKind.Group && Branch is null;

    public static Channel? Fold(Channel? state, object e) => (state, e) switch
    {
        (null, ChannelOpened o) => new Channel(o.ChannelId, o.Kind, o.Name, o.Purpose, o.Branch, o.Topic,
            o.Members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), 0, null),
        (not null, MemberJoined j) when !state.HasMember(j.UserId) =>
            state with { Members = [.. state.Members.Append(j.UserId).Order(StringComparer.Ordinal)] },
        (not null, MemberLeft l) => state with { Members = [.. state.Members.Where(m => m != l.UserId)] },
        (not null, ChannelDescribed d) => state with { Name = d.Name, Purpose = d.Purpose },
        (not null, MessagePosted p) => state with { LastSeq = p.Seq, LastPostedAt = p.PostedAt },
        _ => state,
    };

    /// <summary>The joins and leaves that make the channel's members exactly <paramref name="desired"/>.</summary>
    public IReadOnlyList<object> Reconcile(IReadOnlySet<string> desired) =>
    [
        .. desired.Where(u => !HasMember(u)).Order(StringComparer.Ordinal).Select(u => new MemberJoined(u)),
        .. Members.Where(u => !desired.Contains(u)).Select(u => new MemberLeft(u)),
    ];
}

/// <summary>Keeps the <see cref="Channel"/> document in step with its stream, in the same transaction (inline).</summary>
public sealed class ChannelProjection : SingleStreamProjection<Channel, string>
{
    public ChannelProjection()
    {
        IncludeType<ChannelOpened>();
        IncludeType<MemberJoined>();
        IncludeType<MemberLeft>();
        IncludeType<ChannelDescribed>();
        IncludeType<MessagePosted>();
    }

    public override Channel? Evolve(Channel? snapshot, string id, IEvent e) => Channel.Fold(snapshot, e.Data);
}
