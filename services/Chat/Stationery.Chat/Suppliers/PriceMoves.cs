using JasperFx.Events;
using Marten;
using Stationery.Hosting.EventSourcing;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Posting;

namespace Stationery.Chat.Suppliers;

/// <summary>
/// Price talk goes to the price channel (报价). A message written in a supplier's order channel by someone holding that
/// supplier's prices (its guest, an owner, hq) that talks prices (<see cref="PriceTalk"/>) is posted in the supplier's price
/// channel instead, and the bot says in the order channel where it went. It never exists in the order channel, so no push,
/// notification, search or history there ever carries it; an edit that adds a price withdraws the original and moves the
/// new text the same way.
/// </summary>
public static class PriceMoves
{
    /// <summary>The price channel a message written in <paramref name="channelId"/> goes to instead, or null when it stays there.</summary>
    public static string? Destination(string channelId, PriceViewer author, string text) =>
        SupplierChannels.SupplierOf(channelId) is { } supplier && author.SeesPricesOf(supplier) && PriceTalk.Mentions(text)
            ? PriceChannels.Id(supplier)
            : null;

    /// <summary>
    /// Appends <paramref name="message"/> to the supplier's price channel (opening it if the chain's directory has not yet, and
    /// letting in the author, whose token proves the right, if the directory has not caught up) and the bot's note to the order
    /// channel's stream. The caller holds the order channel's lock and commits.
    /// </summary>
    public static async Task<(MessagePosted Moved, Channel PriceChannel)> MoveAsync(IDocumentSession session, IEventStream<Channel> orderChannel,
        ChatDirectory directory, PostMessage message, SupplierBotTexts texts, DateTimeOffset now, CancellationToken ct)
    {
        var supplierId = SupplierChannels.SupplierOf(orderChannel.Key!) ?? throw new ArgumentException("Not a supplier's order channel.");
        var id = PriceChannels.Id(supplierId);
        // Queued behind other posters once it exists; a first post that opens it collides with a concurrent opener instead.
        if (await session.LoadAsync<Channel>(id, ct) is not null) await session.QueueForStreamAsync(id, ct);
        var stream = await session.Events.FetchForWriting<Channel>(id, ct);
        var events = new List<object>();
        var channel = stream.Aggregate;
        if (channel is null)
        {
            var name = directory.KnownSuppliers.GetValueOrDefault(supplierId)?.Name ?? supplierId;
            var opened = PriceChannels.Open(supplierId, name, directory.MembersOfPriceChannel(supplierId));
            events.Add(opened);
            channel = Channel.Fold(null, opened)!;
        }
        if (!channel.HasMember(message.AuthorId))
        {
            var joined = new MemberJoined(message.AuthorId);
            events.Add(joined);
            channel = Channel.Fold(channel, joined)!;
        }
        // A reply in the order channel has nothing to reply to in the price channel.
        var moved = MessagePosting.Decide(channel, message with { Mentions = Mentions.Find(message.Text, channel, directory), ReplyTo = null }, now);
        events.Add(moved);
        stream.AppendMany(events);
        BotPosting.Append(orderChannel, null,
            new BotMessage(texts.BotName, texts.PriceMessageMoved(message.AuthorName, channel.Name), [message.AuthorId], false), now);
        return (moved, Channel.Fold(channel, moved)!);
    }
}
