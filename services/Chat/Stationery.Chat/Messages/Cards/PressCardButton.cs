using System.Security.Claims;
using Marten;
using Stationery.Hosting.EventSourcing;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Alerts;
using Stationery.Chat.Bridge;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Suppliers;
using Stationery.Chat.Stocktakes;
using Stationery.Chat.Transfers;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Cards;

/// <summary>Who pressed: <see cref="SupplierId"/> is the supplier a guest speaks for (from the token), null for staff.</summary>
public sealed record Presser(string UserId, string UserName, string? SupplierId, string[]? Roles = null, string[]? Branches = null);

/// <summary>
/// What a press may carry: <c>expectedBy</c>, the delivery day a supplier agrees to when it presses 确认订单; <c>note</c>, what
/// the presser says with a stocktake variance's reason (销售漏记 … 其他). Both optional; only those buttons take them.
/// </summary>
public sealed record PressCardButtonRequest(DateOnly? ExpectedBy, string? Note = null);

/// <summary><c>POST /api/chat/messages/{messageId}/actions/{actionId}</c>: a member presses a card's button, once per card.</summary>
public static class PressCardButton
{
    public static IReadOnlyList<object> Decide(ChatMessage? message, string actionId, string userId, string userName, string pendingNote,
        DateTimeOffset now) => Decide(message, actionId, new Presser(userId, userName, null), pendingNote, now);

    /// <summary>
    /// The press and the card's new state: "pending" while another service decides the outcome, "done" when pressing is
    /// the outcome (a supplier's acknowledgement). <paramref name="note"/> is what the card says meanwhile or from now on.
    /// </summary>
    /// <param name="expectedBy">The delivery day a supplier picked when confirming an order (validated by the caller).</param>
    /// <param name="reasonNote">What the presser wrote with a variance's reason (validated by the caller).</param>
    public static IReadOnlyList<object> Decide(ChatMessage? message, string actionId, Presser presser, string note, DateTimeOffset now,
        DateOnly? expectedBy = null, string? reasonNote = null)
    {
        var (card, action) = RequireMayPress(message, actionId, presser);
        if (card.Status != Card.Open)
            throw new DomainException("card-handled", $"{card.ResolvedBy ?? "Someone"} already handled this card.");
        var next = card with
        {
            Status = CardActions.AwaitsOutcome(action.Id) ? Card.Pending : Card.Done, ResolvedBy = presser.UserName, Resolution = note,
        };
        return
        [
            new CardActionPressed(message!.Id, message.Seq, action.Id, card.Branch, card.Sku, action.Quantity, presser.UserId, presser.UserName,
                now, card.PurchaseOrderId, card.SupplierId, card.ReceiptId, presser.Roles, card.Quote,
                action.Id == CardActions.ConfirmOrder ? expectedBy : null, card.TransferId, presser.Branches, card.StocktakeId,
                CardActions.ReasonOf(action.Id) is null ? null : reasonNote),
            new CardUpdated(message.Id, message.Seq, next, message.Text, message.Mentions, now),
        ];
    }

    /// <summary>The card and its button, if <paramref name="presser"/> may press it: 404 without either, 403 for a supplier-only button.</summary>
    public static (Card Card, CardAction Action) RequireMayPress(ChatMessage? message, string actionId, Presser presser)
    {
        var card = message?.Card ?? throw new NotFoundException("Card", message?.Id.ToString() ?? "");
        var action = card.Actions.FirstOrDefault(a => a.Id == actionId) ?? throw new NotFoundException("Action", actionId);
        if (action.ForSupplier && (card.SupplierId is null || presser.SupplierId != card.SupplierId))
            throw new ForbiddenException("只有供应商本人可以点这个按钮 (only the supplier's contact can answer this card).");
        return (card, action);
    }

    public static RouteGroupBuilder MapPressCardButton(this RouteGroupBuilder api)
    {
        api.MapPost("/messages/{messageId:guid}/actions/{actionId}", Handle).RequirePermission("messages")
            .WithSummary("Press a card's button; the card shows who pressed it and, when it arrives, the outcome.");
        return api;
    }

    private static async Task<Accepted<MessageDto>> Handle(Guid messageId, string actionId, PressCardButtonRequest? request, ClaimsPrincipal user,
        IDocumentSession session, TimeProvider clock, StockBotTexts texts, SupplierBotTexts supplierTexts, IConfiguration config, CancellationToken ct)
    {
        var me = user.UserId();
        var message = await session.LoadAsync<ChatMessage>(messageId, ct);
        var channel = message is null ? null : await session.LoadAsync<Channel>(message.ChannelId, ct);
        if (message is null || channel is null || !channel.HasMember(me)) throw new NotFoundException("Message", messageId.ToString());

        // Who may, before what: a presser who may not press learns nothing about the body's rules.
        var presser = new Presser(me, user.DisplayName(), user.SupplierId(), [.. user.Roles()], [.. user.Branches()]);
        var (card, _) = RequireMayPress(message, actionId, presser);
        user.Demand(CardActions.PermissionFor(actionId), card.Branch, card.SupplierId);
        ValidateExpectedBy(request?.ExpectedBy, actionId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var reasonNote = ValidateNote(request?.Note, actionId);

        // Under the channel's lock, so two people pressing at once cannot both succeed.
        await session.QueueForStreamAsync(message.ChannelId, ct);
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        var current = await session.LoadAsync<ChatMessage>(messageId, ct);
        var note = actionId switch
        {
            CardActions.RecordSpotCount => StockObservationTexts.For(config).RecordingCount,
            CardActions.ConfirmQuote => supplierTexts.RecordingQuote,
            CardActions.ReceiveTransfer => TransferCardTexts.For(config).Receiving,
            _ when CardActions.ReasonOf(actionId) is not null => StocktakeTexts.For(config).Explaining,
            _ => texts.Pending(actionId),
        };
        var events = Decide(current, actionId, presser, note, clock.GetUtcNow(), request?.ExpectedBy, reasonNote);
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        var updated = events.OfType<CardUpdated>().Single();
        return TypedResults.Accepted($"/api/chat/channels/{message.ChannelId}/messages?after={message.Seq - 1}&limit=1",
            (current! with { Card = updated.Card }).ToDto().For(PriceViewer.Of(user), ChatDirectory.Empty));
    }

    public const int MaxNoteLength = 500;

    /// <summary>A note on a press: only with a variance's reason, and at most <see cref="MaxNoteLength"/> characters (blank: none).</summary>
    public static string? ValidateNote(string? note, string actionId)
    {
        if (string.IsNullOrWhiteSpace(note)) return null;
        new Validation()
            .Require(CardActions.ReasonOf(actionId) is not null, "note", "is only for a stocktake variance's reason (explain-…)")
            .Require(note.Trim().Length <= MaxNoteLength, "note", $"must be at most {MaxNoteLength} characters")
            .ThrowIfInvalid();
        return note.Trim();
    }

    /// <summary>
    /// A delivery day on a press: only for 确认订单, from today (UTC, as Purchasing counts) and within a year — Purchasing
    /// applies the same rules again when the request reaches it.
    /// </summary>
    public static void ValidateExpectedBy(DateOnly? expectedBy, string actionId, DateOnly today)
    {
        if (expectedBy is not { } day) return;
        var v = new Validation()
            .Require(actionId == CardActions.ConfirmOrder, "expectedBy", "is only for confirm-order")
            .Require(day >= today, "expectedBy", "must not be in the past")
            .Require(day <= today.AddDays(365), "expectedBy", "must be within a year");
        v.ThrowIfInvalid();
    }
}
