using System.Diagnostics;
using CsCheck;
using Stationery.Chat.Bridge;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Chat.Messages;
using Stationery.Chat.Suppliers;

namespace Stationery.Fuzzing;

/// <summary>What a fuzzing run saw: how many inputs, how long in all, and the slowest one.</summary>
public sealed record FuzzReport(long Inputs, TimeSpan Elapsed, TimeSpan Slowest, int SlowestLength);

/// <summary>
/// Everything Chat reads out of a message a person typed — stock reports, quotes, slash commands, @mentions — fed generated
/// text up to the 4,000 characters a message may hold. Every parser is total: any input gives an answer, never an
/// exception, and (their regexes run with <c>RegexOptions.NonBacktracking</c>) in time linear in the input.
/// </summary>
public static class ChatTextFuzz
{
    public const int MaxLength = 4_000;

    /// <summary>Pieces the parsers look for, so generated text reaches deep into each pattern, not just its first character.</summary>
    private static readonly string[] Fragments =
    [
        "[", "]", "【", "】", "［", "］", "〔", "〕", "报价", "单价", "起订量", "起订", "有效期至", "有效期", "每盒", "/盒", "包装", "¥", "￥", "元",
        "只剩", "还剩下", "就剩", "仅剩", "剩下", "还有", "没了", "卖完了", "缺货了", "断货了", "款", "的", "吗", "？", "?", "支", "盒", "本",
        "十", "百", "千", "零", "两", "三", "九", "0", "7", "12", "3.5", "1.20", "100", "2026-12-31", "2026年1月2日", "/", "/补货 ", "/库存 ",
        "/help", "/stock ", "/restock HL-Y 5", "@", "@张店长", "@店员", "@所有人", "@店主", "@总部", " ", "  ", "\t", "\n", "　", "，", "。",
        "晨光荧光笔", "黄色", "HL-Y", "NB-A5", "0.5mm", "１２", "Ａ",
    ];

    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i])),
        (2, Gen.Char.Select(c => c.ToString())),
        (1, Gen.String[Gen.Char["[]【】报价剩只还没了 0123456789一二三十百千支盒@/\n"], 1, 40]));

    /// <summary>Mostly short messages (as typed), a share near the limit (as pasted), all at most <see cref="MaxLength"/>.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
            (6, Piece.Array[0, 30]),
            (3, Piece.Array[30, 400]),
            (1, Piece.Array[400, 2_000]))
        .Select(pieces => string.Concat(pieces))
        .Select(s => s.Length > MaxLength ? s[..MaxLength] : s);

    private static readonly ChatDirectory Directory = new object[]
    {
        new StaffRecorded("owner", "owner", "张店长", ["owner"], ["main"], null, DateTimeOffset.UnixEpoch),
        new StaffRecorded("clerk", "clerk", "小李", ["clerk"], ["main"], null, DateTimeOffset.UnixEpoch),
    }.Aggregate(ChatDirectory.Empty, ChatDirectory.Fold);

    private static readonly Channel Group =
        Channel.Fold(null, BranchChannels.Open("main", BranchTopic.General, Directory.MembersOf("main")))!;

    /// <summary>Reads one message the way Chat does on posting; throws whatever a parser throws.</summary>
    public static void ReadMessage(string text)
    {
        StockReportParser.Parse(text);
        QuoteParser.Parse(text);
        SlashCommands.Parse(text);
        Mentions.Find(text, Group, Directory);
    }

    /// <summary>
    /// Runs <paramref name="inputs"/> generated messages through every parser (CsCheck shrinks any that throws to a small
    /// example) and fails if one takes longer than <paramref name="limit"/>.
    /// </summary>
    public static FuzzReport Run(long inputs, TimeSpan limit, string? seed = null)
    {
        // The first long input pays for JIT and each regex's lazily built automaton: that is start-up, not the input.
        Text.Where(t => t.Length > 3_000).Sample(ReadMessage, iter: 20, threads: 1, seed: "0000000000000");
        long slowestTicks = 0;
        var slowestLength = 0;
        var gate = new object();
        var total = Stopwatch.StartNew();
        Text.Sample(text =>
        {
            var started = Stopwatch.GetTimestamp();
            ReadMessage(text);
            var took = Stopwatch.GetTimestamp() - started;
            if (took > Interlocked.Read(ref slowestTicks))
                lock (gate)
                    if (took > slowestTicks) (slowestTicks, slowestLength) = (took, text.Length);
        }, iter: inputs, seed: seed);
        var slowest = Stopwatch.GetElapsedTime(0, slowestTicks);
        var report = new FuzzReport(inputs, total.Elapsed, slowest, slowestLength);
        if (slowest > limit)
            throw new TimeoutException($"The slowest input ({slowestLength} characters) took {slowest.TotalMilliseconds:F1} ms; the bound is {limit.TotalMilliseconds} ms.");
        return report;
    }
}
