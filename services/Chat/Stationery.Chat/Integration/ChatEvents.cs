using JasperFx.Events;
using Stationery.Chat.Bridge;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.MarkingRead;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Stocktakes.Counting;
using Stationery.Contracts.Inventory;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Integration;

/// <summary>
/// Chat's domain events that become public contracts (published by the outbox forwarder after commit). Every Chat
/// replica consumes them too, to push them to its connected clients.
/// </summary>
public sealed class ChatEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data switch
    {
        MessagePosted m => new Contract.MessagePosted(e.TenantId, e.StreamKey!, m.Branch, m.MessageId.ToString(), m.Seq, m.AuthorId,
            m.AuthorName, m.Text, m.Mentions, m.Important, m.PostedAt)
        {
            ReplyTo = m.ReplyTo?.ToString(), Card = m.Card?.ToContract(),
            Attachments = m.Attachments is { Length: > 0 } files ? [.. files.Select(a => a.ToContract())] : null,
            Quiet = m.Quiet,
        },
        MessageEdited m => new Contract.MessageUpdated(e.TenantId, e.StreamKey!, m.MessageId.ToString(), m.Seq, m.Text, m.Mentions, false,
            m.EditedAt),
        MessageDeleted d => new Contract.MessageUpdated(e.TenantId, e.StreamKey!, d.MessageId.ToString(), d.Seq, "", [], true, d.DeletedAt),
        CardUpdated c => new Contract.MessageUpdated(e.TenantId, e.StreamKey!, c.MessageId.ToString(), c.Seq, c.Text, c.Mentions, false,
            c.UpdatedAt) { Card = c.Card.ToContract() },
        CardActionPressed { ActionId: CardActions.AddToPurchaseList, Branch: { } branch, Sku: { } sku, Quantity: { } quantity } p =>
            new PurchaseRequestedFromChat(e.TenantId, branch, sku, quantity, p.UserId, p.MessageId.ToString(), p.PressedAt),
        CardActionPressed { ActionId: CardActions.ConfirmOrder, Branch: { } branch, PurchaseOrderId: { } order, SupplierId: { } supplier } p =>
            new PurchaseOrderConfirmationRequestedFromChat(e.TenantId, branch, order, supplier, p.UserId, p.UserName, p.MessageId.ToString(),
                p.PressedAt) { ExpectedBy = p.ExpectedBy },
        CardActionPressed
        {
            ActionId: CardActions.AcknowledgeBackorder or CardActions.AcknowledgeCreditNote, Branch: { } branch, PurchaseOrderId: { } order,
            SupplierId: { } supplier, ReceiptId: { } receipt,
        } p => new DeliveryDiscrepancyAcknowledged(e.TenantId, branch, order, receipt, supplier,
            p.ActionId == CardActions.AcknowledgeBackorder ? Settlements.Backorder : Settlements.CreditNote, p.UserId, p.UserName,
            p.MessageId.ToString(), p.PressedAt),
        CardActionPressed { ActionId: CardActions.ConfirmQuote, SupplierId: { } supplier, Sku: { } sku, Quote: { } q } p =>
            new SupplierQuoteConfirmedInChat(e.TenantId, supplier, sku, q.UnitCost, q.MinOrderQty, q.ValidUntil, q.QuotedBy, p.UserId, p.UserName,
                p.Roles ?? [], q.QuoteMessageId.ToString(), p.MessageId.ToString(), p.PressedAt) { PackSize = q.PackSize },
        RestockRequested r => new PurchaseRequestedFromChat(e.TenantId, r.Branch, r.Sku, r.Quantity, r.UserId, r.CardMessageId.ToString(), r.At),
        CardActionPressed { ActionId: CardActions.RecordSpotCount, Branch: { } branch, Sku: { } sku, Quantity: { } counted } p =>
            new SpotCountRequested(e.TenantId, branch, sku, counted, p.UserId, p.UserName, p.Roles ?? [], p.MessageId.ToString(), p.PressedAt),
        CardActionPressed { ActionId: CardActions.ReceiveTransfer, Branch: { } branch, TransferId: { } transfer } p =>
            new TransferReceiptRequestedFromChat(e.TenantId, branch, transfer, p.UserId, p.UserName, p.Roles ?? [], p.Branches ?? [],
                p.MessageId.ToString(), p.PressedAt),
        CardActionPressed { Branch: { } branch, Sku: { } sku, StocktakeId: { } stocktake } p when CardActions.ReasonOf(p.ActionId) is { } reason =>
            new StocktakeVarianceExplanationRequested(e.TenantId, branch, stocktake, sku, reason, p.Note, p.UserId, p.UserName, p.Roles ?? [],
                p.Branches ?? [], p.MessageId.ToString(), p.PressedAt),
        StocktakeCountReported c => new StocktakeCountReportedInChat(e.TenantId, c.Branch, c.StocktakeId, c.Sku, c.Counted, c.UserId, c.UserName,
            c.Roles, c.Branches, c.ChatMessageId.ToString(), c.ReplyMessageId.ToString(), c.At),
        StockReported r => new Contract.StockReportedInChat(e.TenantId, r.Branch, e.StreamKey!, r.ChatMessageId.ToString(),
            r.ReplyMessageId.ToString(), r.Sku, r.Reported, r.Suggested, r.ReportedBy, r.At),
        ChannelOpened o => new Contract.ChannelOpened(e.TenantId, o.ChannelId, o.Kind.ToString().ToLowerInvariant(), o.Name, o.Branch,
            o.Members, e.Timestamp),
        MemberJoined j => new Contract.ChannelMemberJoined(e.TenantId, e.StreamKey!, j.UserId, e.Timestamp),
        MemberLeft l => new Contract.ChannelMemberLeft(e.TenantId, e.StreamKey!, l.UserId, e.Timestamp),
        ChannelReadUpTo r => new Contract.ChannelRead(e.TenantId, r.ChannelId, r.UserId, r.Seq, e.Timestamp),
        _ => null,
    };
}

/// <summary>How a supplier settles a delivery discrepancy (<see cref="DeliveryDiscrepancyAcknowledged.Settlement"/>).</summary>
public static class Settlements
{
    public const string Backorder = "backorder";
    public const string CreditNote = "credit-note";
}
