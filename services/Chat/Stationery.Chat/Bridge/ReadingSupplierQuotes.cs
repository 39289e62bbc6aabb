using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Suppliers;
using Stationery.Hosting.Messaging;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Bridge;

/// <summary>
/// Reads 报价 lines in a supplier's price channel and answers each with a quote card (<see cref="SupplierQuotes"/>). Its
/// share of posted messages: <see cref="PostedMessageBusiness.SupplierQuote"/>.
/// </summary>
public sealed class SupplierQuoteReader(IDocumentStore store, ILogger<SupplierQuoteReader> log, TimeProvider clock, SupplierBotTexts texts)
    : IdempotentConsumer<Contract.MessagePosted>(store, log)
{
    protected override bool Concerns(Contract.MessagePosted m) => PostedMessages.BusinessOf(m) == PostedMessageBusiness.SupplierQuote;

    protected override Task Apply(IDocumentSession session, Contract.MessagePosted m, ConsumeContext<Contract.MessagePosted> context) =>
        PriceChannels.SupplierOf(m.ChannelId) is { } supplierId
            ? SupplierQuotes.AnswerAsync(session, m, supplierId, texts, clock.GetUtcNow(), context.CancellationToken)
            : Task.CompletedTask;
}
