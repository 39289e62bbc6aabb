using Marten;
using MassTransit;
using Stationery.Contracts.Purchasing;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Catalogue;

namespace Stationery.Purchasing.Suppliers.Quoting;

/// <summary>
/// 确认报价 pressed on the card Chat posted for a quote a supplier wrote in its channel: the quote is recorded by the same decider
/// as the API, confirmed by the presser. Chat lets only cost roles press; the roles are checked here again. A request the
/// rules refuse (no cost right, unknown supplier or product, a date already past) is logged and dropped: retrying cannot
/// change the answer, and the card stays as it was.
/// </summary>
public sealed class SupplierQuoteConfirmedInChatConsumer(IDocumentStore store, TimeProvider clock, ILogger<SupplierQuoteConfirmedInChatConsumer> log)
    : IdempotentConsumer<SupplierQuoteConfirmedInChat>(store, log)
{
    protected override async Task Apply(IDocumentSession session, SupplierQuoteConfirmedInChat m, ConsumeContext<SupplierQuoteConfirmedInChat> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var command = Command(m, today);
        string? refused = !m.ConfirmedByRoles.Any(Permissions.Named("quotes.confirm").Allows) ? "the presser may not confirm quotes (quotes.confirm)"
            : command is null ? $"unit cost {m.UnitCost}, minimum {m.MinOrderQty}, pack size {m.PackSize} or validity {m.ValidUntil} is not acceptable"
            : await session.LoadAsync<Supplier>(Supplier.StreamId(m.SupplierId), ct) is null ? "unknown supplier"
            : await session.LoadAsync<ProductCopy>(m.Sku, ct) is null ? "unknown product"
            : null;
        if (refused is not null)
        {
            log.LogWarning("Quote from chat message {ChatMessageId} for {Supplier}/{Sku} not recorded: {Reason}", m.ChatMessageId, m.SupplierId, m.Sku, refused);
            return;
        }
        await session.Decide<Supplier>(Supplier.StreamId(m.SupplierId), s => RecordQuote.Decide(s, command!, now)
            .Select(e => e is QuoteRecorded q ? q with { ChatMessageId = m.ChatMessageId } : e).ToList(), ct);
    }

    /// <summary>The API's rules for the posted figures; null when they break one. No date: valid for the default number of days.</summary>
    public static RecordQuote.Command? Command(SupplierQuoteConfirmedInChat m, DateOnly today)
    {
        var validUntil = m.ValidUntil ?? today.AddDays(SupplierQuoteConfirmedInChat.DefaultValidityDays);
        try
        {
            return RecordQuote.Validate(new RecordQuoteRequest(m.Sku, m.UnitCost, m.MinOrderQty, validUntil, m.PackSize), m.SupplierId,
                m.ConfirmedBy, today);
        }
        catch (Stationery.Hosting.Errors.ValidationException)
        {
            return null;
        }
    }
}
