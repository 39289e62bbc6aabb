using Marten;
using JasperFx.Events;
using Stationery.Chat.Attachments;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Cards;

namespace Stationery.Chat.Messages.Posting;

/// <summary>A message the platform writes (an alert, a note), with the people it @mentions.</summary>
/// <param name="Quiet">Part of a digest: it notifies nobody on its own.</param>
/// <param name="Attachments">Files the platform stored for the message (a report's chart), posted in its channel.</param>
public sealed record BotMessage(string AuthorName, string Text, string[] Mentions, bool Important, Guid? ReplyTo = null, Card? Card = null,
    bool Quiet = false, AttachmentRef[]? Attachments = null);

public static class BotPosting
{
    /// <summary>
    /// Appends a bot message to one of a branch's channels in the caller's session. If the alert outran the branch's
    /// opening, the channel is opened here with the members the directory knows so far; the directory reconciles it later.
    /// </summary>
    public static Task<MessagePosted> PostToBranchAsync(IDocumentSession session, ChatDirectory directory, string branch,
        BranchTopic topic, BotMessage message, DateTimeOffset now, CancellationToken ct) =>
        PostAsync(session, BranchChannels.Id(branch, topic), () => BranchChannels.Open(branch, topic, directory.MembersOf(branch)),
            message, now, ct);

    /// <summary>
    /// Appends a bot message to a supplier's channel in the caller's session, opening it (named as the event names the
    /// supplier, with the members the directory knows) if the order outran the supplier's registration.
    /// </summary>
    public static Task<MessagePosted> PostToSupplierAsync(IDocumentSession session, ChatDirectory directory, string supplierId,
        string supplierName, BotMessage message, DateTimeOffset now, CancellationToken ct) =>
        PostAsync(session, SupplierChannels.Id(supplierId),
            () => SupplierChannels.Open(supplierId, supplierName, directory.MembersOfSupplier(supplierId)), message, now, ct);

    /// <summary>Appends a bot message to a channel in the caller's session.</summary>
    /// <param name="openIfMissing">How to open the channel if it does not exist yet; without it a missing channel is not found.</param>
    public static async Task<MessagePosted> PostAsync(IDocumentSession session, string channelId, Func<ChannelOpened>? openIfMissing,
        BotMessage message, DateTimeOffset now, CancellationToken ct) =>
        Append(await session.Events.FetchForWriting<Channel>(channelId, ct), openIfMissing, message, now);

    /// <summary>Appends a bot message to a channel's stream already fetched for writing (so one session can append several things).</summary>
    public static MessagePosted Append(IEventStream<Channel> stream, Func<ChannelOpened>? openIfMissing, BotMessage message, DateTimeOffset now) =>
        AppendAll(stream, openIfMissing, [message], now)[0];

    /// <summary>Appends several bot messages, in order, to a channel's stream already fetched for writing: each takes the next seq.</summary>
    public static IReadOnlyList<MessagePosted> AppendAll(IEventStream<Channel> stream, Func<ChannelOpened>? openIfMissing,
        IReadOnlyList<BotMessage> messages, DateTimeOffset now)
    {
        var events = new List<object>();
        var channel = stream.Aggregate;
        if (channel is null && openIfMissing is not null)
        {
            var opened = openIfMissing();
            events.Add(opened);
            channel = Channel.Fold(null, opened);
        }
        var posts = new List<MessagePosted>();
        foreach (var message in messages)
        {
            var posted = MessagePosting.Decide(channel, Command(message, now), now);
            events.Add(posted);
            posts.Add(posted);
            channel = Channel.Fold(channel, posted);
        }
        stream.AppendMany(events);
        return posts;
    }

    public static PostMessage Command(BotMessage message, DateTimeOffset now) => new(Guid.CreateVersion7(now), ChatBot.Id,
        message.AuthorName, message.Text, message.Mentions, message.Important, message.ReplyTo, null, message.Card, message.Attachments,
        message.Quiet);
}
