using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Receipts;
using Stationery.Hosting.Errors;

namespace Stationery.Chat.Tests;

/// <summary>Read receipts: who has read one's message (pure; no servers).</summary>
public sealed class ReadReceiptSpecs
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Channel Group = Channel.Fold(null, BranchChannels.Open("main", BranchTopic.General, ["owner", "clerk", "manager", "hq"]))!;

    private static ChatMessage Message(string author, long seq, string channel = "main-group") =>
        new(Guid.NewGuid(), channel, seq, author, author, "荧光笔到了", [], false, null, Now);

    private static string Name(string id) => id switch { "owner" => "张店长", "clerk" => "小李", _ => id };

    [Fact]
    public void The_author_sees_who_has_read_up_to_the_message_and_who_not_yet_themselves_aside()
    {
        var readUpTo = new Dictionary<string, long> { ["owner"] = 7, ["manager"] = 4, ["clerk"] = 9 };

        var readers = ReadReceipts.Decide(Group, Message("clerk", 5), "clerk", readUpTo, Name);

        readers.ReadBy.ShouldBe([new Reader("owner", "张店长")]);
        readers.NotYet.ShouldBe([new Reader("hq", "hq"), new Reader("manager", "manager")]);
        readers.Seq.ShouldBe(5);
    }

    [Fact]
    public void Only_the_author_may_ask_and_a_message_of_another_channel_is_not_found()
    {
        Should.Throw<ForbiddenException>(() => ReadReceipts.Decide(Group, Message("clerk", 5), "owner", new Dictionary<string, long>(), Name));
        Should.Throw<NotFoundException>(() => ReadReceipts.Decide(Group, Message("clerk", 5, "east-group"), "clerk", new Dictionary<string, long>(), Name));
        Should.Throw<NotFoundException>(() => ReadReceipts.Decide(Group, null, "clerk", new Dictionary<string, long>(), Name));
    }
}
