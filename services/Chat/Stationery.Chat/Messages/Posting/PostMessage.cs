using System.Security.Claims;
using Marten;
using Stationery.Hosting.EventSourcing;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Attachments;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.MarkingRead;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Suppliers;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Posting;

public sealed record PostMessageRequest(string? ClientMessageId, string? Text, string? ReplyTo, IReadOnlyList<string?>? AttachmentIds = null);

/// <summary>A message to append, already validated; <see cref="MessageId"/> is chosen by the caller.</summary>
public sealed record PostMessage(Guid MessageId, string AuthorId, string AuthorName, string Text, string[] Mentions,
    bool Important, Guid? ReplyTo, string? ClientMessageId, Card? Card = null, AttachmentRef[]? Attachments = null,
    bool Quiet = false);

/// <summary>Remembers which message a client's <c>clientMessageId</c> became, so a resend returns it instead of posting again.</summary>
public sealed record ClientMessageReceipt(string Id, Guid MessageId)
{
    public static string IdFor(string channelId, string authorId, string clientMessageId) => $"{channelId}|{authorId}|{clientMessageId}";
}

/// <summary>The platform's own voice in channels (stock alerts, cards).</summary>
public static class ChatBot
{
    public const string Id = "bot";
}

public static class MessagePosting
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 100;
    public const int MaxAttachments = 10;

    /// <summary>The channel's next message. Members and the bot may post; to anyone else the channel does not exist.</summary>
    public static MessagePosted Decide(Channel? channel, PostMessage command, DateTimeOffset now)
    {
        if (channel is null || (command.AuthorId != ChatBot.Id && !channel.HasMember(command.AuthorId)))
            throw new NotFoundException("Channel", channel?.Id ?? "");
        return new MessagePosted(command.MessageId, channel.LastSeq + 1, channel.Branch, command.AuthorId, command.AuthorName,
            command.Text, command.Mentions, command.Important, command.ReplyTo, command.ClientMessageId, now, command.Card,
            command.Attachments is { Length: > 0 } ? command.Attachments : null, command.Quiet);
    }

    public static RouteGroupBuilder MapPostMessage(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/{channelId}/messages", Handle).RequirePermission("messages")
            .WithSummary("Post a message; a resend with the same clientMessageId returns the first message (200) and posts nothing. " +
                "Price talk in a supplier's order channel by someone holding its prices is posted in its price channel (报价) instead: " +
                "the answer's channelId says where.");
        return api;
    }

    private static async Task<Results<Created<MessageDto>, Ok<MessageDto>>> Handle(string channelId, PostMessageRequest request,
        ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, SupplierBotTexts texts, CancellationToken ct)
    {
        var attachmentIds = ParseAttachmentIds(request.AttachmentIds, out var validation);
        validation.NotEmpty(request.ClientMessageId, "clientMessageId", MaxClientMessageIdLength);
        // A picture needs no caption; anything else needs words.
        if (attachmentIds.Count == 0 || request.Text is { Length: > 0 }) validation.NotEmpty(request.Text, "text", MaxTextLength);
        Guid? replyTo = null;
        if (request.ReplyTo is not null)
        {
            if (Guid.TryParse(request.ReplyTo, out var parsed)) replyTo = parsed;
            else validation.Add("replyTo", "must be the id of a message in this channel");
        }
        validation.ThrowIfInvalid();

        var me = user.UserId();
        var channel = await session.LoadForMemberAsync(channelId, me, ct);
        var receiptId = ClientMessageReceipt.IdFor(channelId, me, request.ClientMessageId!);
        if (await FindResentAsync(session, receiptId, ct) is { } first) return TypedResults.Ok(first);
        if (replyTo is { } target)
        {
            var original = await session.LoadAsync<ChatMessage>(target, ct);
            new Validation().Require(original?.ChannelId == channelId, "replyTo", "must be the id of a message in this channel").ThrowIfInvalid();
        }

        var attachments = await AttachmentsToPostAsync(session, attachmentIds, me, ct);

        // Posters to one channel queue on its lock instead of failing each other with 409s (SerialWriters).
        await session.QueueForStreamAsync(channelId, ct);
        var stream = await session.Events.FetchForWriting<Channel>(channelId, ct);
        if (await FindResentAsync(session, receiptId, ct) is { } raced) return TypedResults.Ok(raced);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        var text = (request.Text ?? "").Trim();
        var current = stream.Aggregate ?? channel;
        var command = new PostMessage(Guid.CreateVersion7(), me, user.DisplayName(), text, Mentions.Find(text, current, directory), false, replyTo,
            request.ClientMessageId, Attachments: [.. attachments.Select(a => a.Ref)]);
        var now = clock.GetUtcNow();
        var postedIn = current;
        MessagePosted posted;
        if (PriceMoves.Destination(channelId, PriceViewer.Of(user), text) is not null)
        {
            // Price talk in a supplier's order channel goes to its price channel (报价); a note here says where.
            (posted, postedIn) = await PriceMoves.MoveAsync(session, stream, directory, command, texts, now, ct);
        }
        else
        {
            posted = Decide(current, command, now);
            stream.AppendOne(posted);
        }
        // From now on the channel's members may open them.
        foreach (var attachment in attachments.Where(a => !a.PostedIn(postedIn.Id)))
            session.Store(attachment with { Channels = [.. attachment.Channels, postedIn.Id] });
        session.Insert(new ClientMessageReceipt(receiptId, posted.MessageId));
        // Your own message is read by you, on every device.
        ReadMarker.Record(session, null, postedIn.Id, me, posted.Seq);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/chat/channels/{postedIn.Id}/messages?after={posted.Seq - 1}&limit=1",
            ChatMessage.From(postedIn.Id, posted).ToDto());
    }

    private static List<Guid> ParseAttachmentIds(IReadOnlyList<string?>? ids, out Validation validation)
    {
        validation = new Validation();
        var parsed = new List<Guid>();
        if (ids is null) return parsed;
        validation.Require(ids.Count <= MaxAttachments, "attachmentIds", $"must contain at most {MaxAttachments} attachments");
        for (var i = 0; i < ids.Count; i++)
        {
            if (Guid.TryParse(ids[i], out var id)) parsed.Add(id);
            else validation.Add($"attachmentIds[{i}]", "must be the id of an uploaded attachment");
        }
        return [.. parsed.Distinct()];
    }

    /// <summary>One's own uploads, or files one can already see in this chain's channels (forwarding); anything else is unknown.</summary>
    private static async Task<IReadOnlyList<Attachment>> AttachmentsToPostAsync(IDocumentSession session, IReadOnlyList<Guid> ids, string me,
        CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var found = (await session.LoadManyAsync<Attachment>(ct, ids)).ToDictionary(a => a.Id);
        var seenIn = found.Values.SelectMany(a => a.Channels).Distinct().ToArray();
        var memberOf = seenIn.Length == 0
            ? new HashSet<string>()
            : (await session.LoadManyAsync<Channel>(ct, seenIn)).Where(c => c.HasMember(me)).Select(c => c.Id).ToHashSet();
        var validation = new Validation();
        for (var i = 0; i < ids.Count; i++)
            validation.Require(found.TryGetValue(ids[i], out var a) && (a.UploaderId == me || a.Channels.Any(memberOf.Contains)),
                $"attachmentIds[{i}]", "must be the id of an uploaded attachment");
        validation.ThrowIfInvalid();
        return [.. ids.Select(id => found[id])];
    }

    private static async Task<MessageDto?> FindResentAsync(IDocumentSession session, string receiptId, CancellationToken ct) =>
        await session.LoadAsync<ClientMessageReceipt>(receiptId, ct) is { } receipt
        && await session.LoadAsync<ChatMessage>(receipt.MessageId, ct) is { } message
            ? message.ToDto()
            : null;
}
