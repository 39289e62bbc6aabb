using System.Security.Claims;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages.Posting;
using Stationery.Chat.Suppliers;
using Stationery.Hosting.Security;
using ChatCard = Stationery.Contracts.Chat.ChatCard;
using ChatCardField = Stationery.Contracts.Chat.ChatCardField;

namespace Stationery.Chat.Messages;

/// <summary>Whose prices a reader may see: every supplier's (a cost role), or one supplier's (its own guest), or none.</summary>
public sealed record PriceViewer(bool SeesAllCosts, string? GuestOf)
{
    public static PriceViewer Of(ClaimsPrincipal user) =>
        new(user.SeesAllCosts(), user.IsInRole(PlatformRoles.Supplier) ? user.FindFirst(PlatformClaims.Supplier)?.Value : null);

    public static PriceViewer Of(DirectoryUser? user) =>
        new(user?.SeesAllCosts == true, user is { Disabled: false } u && u.HasRole(PlatformRoles.Supplier) ? u.SupplierId : null);

    /// <summary>A cost role sees every price; a supplier guest its own supplier's; nobody else any.</summary>
    public bool SeesPricesOf(string? supplierId) => SeesAllCosts || (supplierId is not null && GuestOf == supplierId);
}

/// <summary>
/// Prices in chat reach only who holds <c>costs.see</c> for them, whichever way a message leaves Chat: history, search, edit
/// history, the hub's pushes and notification previews all render a message here for its reader. New price talk never
/// lands where others read it (<see cref="PriceMoves"/> moves it to the price channel); this is what still could: a card
/// field marked <see cref="ChatCardField.Priced"/>, and price talk in an order channel by someone holding the supplier's
/// prices (history written before the price channel existed). Other readers get the card without the priced fields and
/// <see cref="Withheld"/> instead of the text.
/// </summary>
public static class PriceVisibility
{
    public const string Withheld = "(价格信息仅店主、总部和供应商本人可见,见报价频道 · price details are for cost roles only, see the price channel)";

    /// <summary>The supplier a channel is about (its order or price channel), or null for any other channel.</summary>
    public static string? SupplierOf(string channelId) => SupplierChannels.SupplierOf(channelId) ?? PriceChannels.SupplierOf(channelId);

    public static bool SeesPricesIn(this PriceViewer viewer, string channelId) => viewer.SeesPricesOf(SupplierOf(channelId));

    /// <summary>
    /// Price talk in a supplier's channel by someone who holds that supplier's prices (its guest's quote, an owner's
    /// counter-offer). The bot writes no prices in text; a manager's or clerk's words cannot carry a cost they never see.
    /// </summary>
    public static bool IsPricedText(string channelId, string authorId, string text, ChatDirectory directory) =>
        SupplierOf(channelId) is { } supplier && authorId != ChatBot.Id && PriceTalk.Mentions(text)
        && PriceViewer.Of(directory.Users.GetValueOrDefault(authorId)).SeesPricesOf(supplier);

    /// <summary>A priced field: marked so, or the price line of a quote card written before fields were marked.</summary>
    public static bool IsPriced(ChatCard card, ChatCardField field) =>
        field.Priced || (card.Kind == SupplierBotTexts.QuoteCardKind && field.Value.StartsWith('¥'));

    /// <summary>Could this message hold anything a reader may not see? (A cheap test before loading who is who.)</summary>
    public static bool MayHidePrices(string text, ChatCard? card) =>
        PriceTalk.Mentions(text) || (card is not null && card.Fields.Any(f => IsPriced(card, f)));

    public static ChatCard? For(this ChatCard? card, bool seesPrices) =>
        seesPrices || card is null || !card.Fields.Any(f => IsPriced(card, f))
            ? card
            : card with { Fields = [.. card.Fields.Where(f => !IsPriced(card, f))] };

    /// <summary>The message as <paramref name="viewer"/> may read it.</summary>
    public static MessageDto For(this MessageDto message, PriceViewer viewer, ChatDirectory directory)
    {
        if (viewer.SeesPricesIn(message.ChannelId) || message.Deleted) return message;
        var hidden = IsPricedText(message.ChannelId, message.AuthorId, message.Text, directory);
        return message with { Text = hidden ? Withheld : message.Text, Card = message.Card.For(false) };
    }

    /// <summary>True when the reader gets <see cref="Withheld"/> instead of the text (search leaves such messages out).</summary>
    public static bool HidesTextFrom(this ChatMessage message, PriceViewer viewer, ChatDirectory directory) =>
        !viewer.SeesPricesIn(message.ChannelId)
        && (message.Earlier ?? []).Select(e => e.Text).Append(message.Text).Any(t => IsPricedText(message.ChannelId, message.AuthorId, t, directory));
}
