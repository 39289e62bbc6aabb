namespace Stationery.Contracts.Chat;

/// <summary>
/// A message a card cites, e.g. where a discrepancy card's figures were agreed: clients open <paramref name="ChannelId"/> at
/// <paramref name="Seq"/>.
/// </summary>
/// <param name="Kind"><c>order</c> (the order card, the order as sent) or <c>confirmation</c> (the supplier's confirmation).</param>
/// <param name="Label">What the link says, e.g. 订单原文 or 供应商确认 · 供应商陈.</param>
/// <param name="ChannelId">The channel of the cited message.</param>
/// <param name="MessageId">The cited message.</param>
/// <param name="Seq">Its position in the channel.</param>
/// <param name="By">Who the cited message speaks for (who placed or confirmed), if known.</param>
/// <param name="At">When it was said (placed, confirmed).</param>
public sealed record ChatCardLink(string Kind, string Label, string ChannelId, string MessageId, long Seq, string? By, DateTimeOffset At);
