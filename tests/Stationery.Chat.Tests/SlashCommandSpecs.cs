using Stationery.Chat.Bridge;

namespace Stationery.Chat.Tests;

/// <summary>Reading slash commands (pure).</summary>
public sealed class SlashCommandSpecs
{
    public static TheoryData<string, SlashCommand?> Table => new()
    {
        { "/帮助", new SlashCommand.Help() },
        { "／帮助", new SlashCommand.Help() },
        { "/help", new SlashCommand.Help() },
        { "/库存 荧光笔", new SlashCommand.StockLookup("荧光笔") },
        { "/库存　晨光 荧光笔 ", new SlashCommand.StockLookup("晨光 荧光笔") },
        { "/stock highlighter", new SlashCommand.StockLookup("highlighter") },
        { "/补货 HL-Y 20", new SlashCommand.Restock("HL-Y", 20) },
        { "/补货 HL-Y ２０", new SlashCommand.Restock("HL-Y", 20) },
        { "/补货 HL-Y", new SlashCommand.Misused("补货") },
        { "/补货 HL-Y 0", new SlashCommand.Misused("补货") },
        { "/补货 HL-Y 100001", new SlashCommand.Misused("补货") },
        { "/补货 HL-Y 二十", new SlashCommand.Misused("补货") },
        { "/库存", new SlashCommand.Misused("库存") },
        { "/发射", new SlashCommand.Misused("发射") },
        { "荧光笔还有吗 /库存", null },
        { "[晨光荧光笔][黄色][3][20]", null },
        { "/", null },
        { "// 注释", null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void A_message_is_a_command_only_when_it_starts_with_a_slash_and_a_word(string text, SlashCommand? expected)
    {
        SlashCommands.Parse(text).ShouldBe(expected);
    }
}
