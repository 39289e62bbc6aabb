using Stationery.Chat.Channels;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Editing;
using Stationery.Hosting.Errors;

namespace Stationery.Chat.Tests;

/// <summary>Edit history: every version of a message, from its read model (pure; no servers).</summary>
public sealed class EditHistorySpecs
{
    private static readonly DateTimeOffset Posted = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Channel Group = Channel.Fold(null, BranchChannels.Open("main", BranchTopic.General, ["owner", "clerk"]))!;

    private static ChatMessage Message(string channel = "main-group") =>
        new(Guid.NewGuid(), channel, 5, "clerk", "小李", "荧光笔剩 3 支", [], false, null, Posted);

    private static ChatMessage Edit(ChatMessage m, string text, int minutes) =>
        m.Edited(new MessageEdited(m.Id, m.Seq, text, [], Posted.AddMinutes(minutes)));

    [Fact]
    public void Every_version_is_listed_oldest_first_with_its_time_and_the_author_as_editor_and_the_last_is_current()
    {
        var message = Edit(Edit(Message(), "荧光笔剩 2 支", 1), "荧光笔剩 1 支", 5);

        var history = EditHistory.Of(Group, message);

        message.Edits.ShouldBe(2);
        message.ToDto().Edited.ShouldBeTrue();
        history.Withdrawn.ShouldBeFalse();
        history.Versions.ShouldBe(
        [
            new MessageVersion(1, "荧光笔剩 3 支", Posted, "clerk", "小李", false),
            new MessageVersion(2, "荧光笔剩 2 支", Posted.AddMinutes(1), "clerk", "小李", false),
            new MessageVersion(3, "荧光笔剩 1 支", Posted.AddMinutes(5), "clerk", "小李", true),
        ]);
    }

    [Fact]
    public void A_message_never_edited_has_one_version_and_says_it_is_not_edited()
    {
        var message = Message();

        EditHistory.Of(Group, message).Versions.ShouldBe([new MessageVersion(1, "荧光笔剩 3 支", Posted, "clerk", "小李", true)]);
        (message.Edits, message.ToDto().Edited).ShouldBe((0, false));
    }

    [Fact]
    public void A_withdrawn_message_withholds_its_history_earlier_versions_included()
    {
        var edited = Edit(Message(), "荧光笔剩 2 支", 1);
        var withdrawn = edited.Withdrawn(new MessageDeleted(edited.Id, edited.Seq, Posted.AddMinutes(9)));

        var history = EditHistory.Of(Group, withdrawn);

        (history.Withdrawn, history.Versions.Count).ShouldBe((true, 0));
        (withdrawn.Earlier, withdrawn.Edits).ShouldBe((null, 0));
    }

    [Fact]
    public void A_missing_message_or_one_of_another_channel_is_not_found()
    {
        Should.Throw<NotFoundException>(() => EditHistory.Of(Group, null));
        Should.Throw<NotFoundException>(() => EditHistory.Of(Group, Message("east-group")));
    }
}
