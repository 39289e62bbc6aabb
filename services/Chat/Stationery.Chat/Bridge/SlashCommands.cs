using System.Text.RegularExpressions;

namespace Stationery.Chat.Bridge;

/// <summary>A slash command typed in a channel: <c>/帮助</c>, <c>/库存 荧光笔</c>, <c>/补货 SKU 数量</c> (English names work too).</summary>
public abstract record SlashCommand
{
    public sealed record Help : SlashCommand;

    public sealed record StockLookup(string Query) : SlashCommand;

    public sealed record Restock(string Sku, int Quantity) : SlashCommand;

    /// <summary>A known command used wrongly (missing or bad arguments), or an unknown one: answered with how to use them.</summary>
    public sealed record Misused(string Name) : SlashCommand;
}

public static partial class SlashCommands
{
    public const int MaxRestockQuantity = 100_000;

    /// <summary>The command, or null when the message is ordinary chat (it does not start with a slash and a word).</summary>
    public static SlashCommand? Parse(string text)
    {
        var line = StockReportParser.Normalize(text).Trim();
        var match = Shape().Match(line);
        if (!match.Success) return null;
        var name = match.Groups["name"].Value.ToLowerInvariant();
        var args = match.Groups["args"].Value.Trim();
        return name switch
        {
            "帮助" or "help" => new SlashCommand.Help(),
            "库存" or "stock" => args.Length > 0 ? new SlashCommand.StockLookup(args) : new SlashCommand.Misused(name),
            "补货" or "restock" => RestockArgs().Match(args) is { Success: true } m && int.TryParse(m.Groups["qty"].Value, out var qty)
                                                                               && qty is > 0 and <= MaxRestockQuantity
                ? new SlashCommand.Restock(m.Groups["sku"].Value, qty)
                : new SlashCommand.Misused(name),
            _ => new SlashCommand.Misused(name),
        };
    }

    [GeneratedRegex(@"^/(?<name>[\p{L}\p{N}_-]+)(?:\s+(?<args>.*))?$", RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?<sku>\S+)\s+(?<qty>\d{1,9})$", RegexOptions.NonBacktracking)]
    private static partial Regex RestockArgs();
}
