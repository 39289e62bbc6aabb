using Marten;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Cards;

namespace Stationery.Chat.Messages.Posting;

/// <summary>A message the platform writes (an alert, a note), with the people it @mentions.</summary>
public sealed record BotMessage(string AuthorName, string Text, string[] Mentions, bool Important, Guid? ReplyTo = null, Card? Card = null);

public static class BotPosting
{
    /// <summary>
    /// Appends a bot message to one of a branch's channels in the caller's session. If the alert outran the branch's
    /// opening, the channel is opened here with the members the directory knows so far; the directory reconciles it later.
    /// </summary>
    public static async Task<MessagePosted> PostToBranchAsync(IDocumentSession session, ChatDirectory directory, string branch,
        BranchTopic topic, BotMessage message, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Channel>(BranchChannels.Id(branch, topic), ct);
        var events = new List<object>();
        var channel = stream.Aggregate;
        if (channel is null)
        {
            var opened = BranchChannels.Open(branch, topic, directory.MembersOf(branch));
            events.Add(opened);
            channel = Channel.Fold(null, opened)!;
        }
        var posted = MessagePosting.Decide(channel, new PostMessage(Guid.CreateVersion7(now), ChatBot.Id, message.AuthorName, message.Text,
            message.Mentions, message.Important, message.ReplyTo, null, message.Card), now);
        events.Add(posted);
        stream.AppendMany(events);
        return posted;
    }
}
