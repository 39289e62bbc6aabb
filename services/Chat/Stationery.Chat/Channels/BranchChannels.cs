namespace Stationery.Chat.Channels;

/// <summary>
/// The channels every branch gets. Their ids are derived from the branch code, so whichever event arrives first
/// (the branch, a staff member of it, or a stock alert) finds or creates the same channel. Ad-hoc groups and direct
/// conversations use <c>g-</c> / <c>dm-</c> and 32 hex digits, which can never end in one of these suffixes.
/// </summary>
public static class BranchChannels
{
    public static readonly IReadOnlyList<BranchTopic> Topics = [BranchTopic.General, BranchTopic.StockWatch, BranchTopic.Stocktake];

    public static string Id(string branch, BranchTopic topic) => topic switch
    {
        BranchTopic.General => $"{branch}-group",
        BranchTopic.StockWatch => $"{branch}-stock-watch",
        BranchTopic.Stocktake => $"{branch}-stocktake",
        _ => throw new ArgumentOutOfRangeException(nameof(topic)),
    };

    public static ChannelOpened Open(string branch, BranchTopic topic, IEnumerable<string> members) =>
        new(Id(branch, topic), ChannelKind.Group, Name(topic), Purpose(topic), branch, topic, [.. members]);

    private static string Name(BranchTopic topic) => topic switch
    {
        BranchTopic.General => "门店群",
        BranchTopic.StockWatch => "库存监控",
        _ => "盘点",
    };

    private static string Purpose(BranchTopic topic) => topic switch
    {
        BranchTopic.General => "门店日常沟通",
        BranchTopic.StockWatch => "低库存、缺货与补货提醒",
        _ => "盘点任务、差异与说明",
    };
}
