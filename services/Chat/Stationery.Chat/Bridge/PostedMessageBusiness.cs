using Stationery.Chat.Channels;
using Stationery.Chat.Messages.Posting;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Bridge;

/// <summary>Which of the bot's readers a person's message is for: at most one, so two never answer the same message.</summary>
public enum PostedMessageBusiness
{
    /// <summary>Ordinary chat, or the bot's own message: nobody answers.</summary>
    None,

    /// <summary><c>/帮助</c>, <c>/库存 …</c>, <c>/补货 …</c> in any channel (<see cref="SlashCommandAnswerer"/>).</summary>
    SlashCommand,

    /// <summary>Anything else in a supplier's price channel (报价): quote lines (<see cref="SupplierQuoteReader"/>).</summary>
    SupplierQuote,

    /// <summary>
    /// Anything else in a branch's 盘点 channel: a count toward the open stocktake, or a stock report while none is open
    /// (<see cref="Stocktakes.Counting.StocktakeChannelReader"/>).
    /// </summary>
    StocktakeChannel,

    /// <summary>Anything else in a branch channel: a possible stock report (<see cref="StockReportRecognizer"/>).</summary>
    StockReport,
}

public static class PostedMessages
{
    /// <summary>
    /// The one reader of <paramref name="m"/>, in this order: a slash command is a command wherever it is typed; a price
    /// channel's messages are quotes, never stock reports; the 盘点 channel's are counts while a stocktake is open there; a branch channel's other messages may be stock reports.
    /// </summary>
    public static PostedMessageBusiness BusinessOf(Contract.MessagePosted m) =>
        m.AuthorId == ChatBot.Id ? PostedMessageBusiness.None
        : SlashCommands.Parse(m.Text) is not null ? PostedMessageBusiness.SlashCommand
        : PriceChannels.SupplierOf(m.ChannelId) is not null ? PostedMessageBusiness.SupplierQuote
        : m.BranchId is { } branch && m.ChannelId == BranchChannels.Id(branch, BranchTopic.Stocktake) ? PostedMessageBusiness.StocktakeChannel
        : m.BranchId is not null ? PostedMessageBusiness.StockReport
        : PostedMessageBusiness.None;
}
