using System.Security.Claims;
using Marten;
using MassTransit;
using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Bridge;

/// <summary>
/// The stock report card once Inventory has compared it with the books: system, reported, difference and open orders, and the
/// two things to do about it — 加入采购清单 (the reporter's quantity, else Inventory's suggestion) and 记为盘点数量.
/// zh-CN by default, English with <c>Chat:BotLanguage = en</c> (as <see cref="Alerts.StockBotTexts"/>).
/// </summary>
public abstract class StockObservationTexts
{
    private static readonly StockObservationTexts Chinese = new ChineseTexts(), English = new EnglishTexts();

    public static StockObservationTexts For(IConfiguration config) =>
        config["Chat:BotLanguage"] is { } language && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    /// <summary>What the card says between the press and Inventory's answer.</summary>
    public abstract string RecordingCount { get; }

    public abstract string Recorded(SpotCountRecorded c);

    protected abstract (string System, string Reported, string Difference, string OnOrder, string Suggested) Labels { get; }

    protected abstract string AddToPurchaseList(int quantity);

    protected abstract string RecordCount { get; }

    /// <summary>The report's card with the comparison; buttons only while nobody has pressed one yet.</summary>
    public Card Compared(Card card, StockObservationCompared c)
    {
        var (system, reported, difference, onOrder, suggested) = Labels;
        var order = c.SuggestedQuantity ?? c.SystemSuggestedQuantity;
        List<CardField> fields =
        [
            new(system, $"{c.SystemOnHand} {c.Unit}"),
            new(reported, $"{c.ReportedOnHand} {c.Unit}"),
            new(difference, $"{c.Difference:+0;-0;0} {c.Unit}"),
            new(onOrder, $"{c.OnOrder} {c.Unit}"),
        ];
        if (order is > 0) fields.Add(new(suggested, $"{order} {c.Unit}"));
        List<CardAction> actions = [];
        if (order is > 0 and var quantity) actions.Add(new(CardActions.AddToPurchaseList, AddToPurchaseList(quantity), "primary", quantity));
        actions.Add(new(CardActions.RecordSpotCount, RecordCount, "default", c.ReportedOnHand));
        return card with { Fields = [.. fields], Actions = card.Status == Card.Open ? [.. actions] : card.Actions };
    }

    private sealed class ChineseTexts : StockObservationTexts
    {
        public override string RecordingCount => "正在记为盘点数量…";

        public override string Recorded(SpotCountRecorded c) =>
            c.Delta == 0 ? $"已记为盘点数量 {c.Counted} {c.Unit}(与系统一致)" : $"已记为盘点数量 {c.Counted} {c.Unit}(调整 {c.Delta:+0;-0} {c.Unit})";

        protected override (string System, string Reported, string Difference, string OnOrder, string Suggested) Labels => ("系统库存", "上报库存", "差异", "在途订单", "建议补货");

        protected override string AddToPurchaseList(int quantity) => $"加入采购清单 {quantity}";

        protected override string RecordCount => "记为盘点数量";
    }

    private sealed class EnglishTexts : StockObservationTexts
    {
        public override string RecordingCount => "Recording the count…";

        public override string Recorded(SpotCountRecorded c) =>
            c.Delta == 0 ? $"Counted {c.Counted} {c.Unit} (matches the books)" : $"Counted {c.Counted} {c.Unit} (adjusted {c.Delta:+0;-0} {c.Unit})";

        protected override (string System, string Reported, string Difference, string OnOrder, string Suggested) Labels => ("In the books", "Reported", "Difference", "On order", "Suggested order");

        protected override string AddToPurchaseList(int quantity) => $"Add {quantity} to purchase list";

        protected override string RecordCount => "Record as count";
    }
}

/// <summary>Inventory compared a report with the books: the report's card shows the figures and the buttons, live.</summary>
public sealed class StockObservationComparedConsumer(IDocumentStore store, ILogger<StockObservationComparedConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<StockObservationCompared>(store, log)
{
    protected override async Task Apply(IDocumentSession session, StockObservationCompared c, ConsumeContext<StockObservationCompared> context)
    {
        if (!Guid.TryParse(c.ReplyMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        if (await session.LoadAsync<ChatMessage>(messageId, ct) is not { Card: { } card } message) return;
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, StockObservationTexts.For(config).Compared(card, c), message.Text,
            message.Mentions, clock.GetUtcNow()));
    }
}

/// <summary>Inventory booked the spot count: the card says what it took and offers nothing more.</summary>
public sealed class SpotCountRecordedConsumer(IDocumentStore store, ILogger<SpotCountRecordedConsumer> log, TimeProvider clock,
    IConfiguration config) : IdempotentConsumer<SpotCountRecorded>(store, log)
{
    protected override async Task Apply(IDocumentSession session, SpotCountRecorded c, ConsumeContext<SpotCountRecorded> context)
    {
        if (!Guid.TryParse(c.ChatMessageId, out var messageId)) return;
        var ct = context.CancellationToken;
        if (await session.LoadAsync<ChatMessage>(messageId, ct) is not { Card: { Status: not Card.Done } card } message) return;
        var done = card with { Status = Card.Done, Resolution = StockObservationTexts.For(config).Recorded(c) };
        var stream = await session.Events.FetchForWriting<Channel>(message.ChannelId, ct);
        stream.AppendOne(new CardUpdated(message.Id, message.Seq, done, message.Text, message.Mentions, clock.GetUtcNow()));
    }
}
