using Stationery.Fuzzing;

namespace Stationery.Chat.Tests;

/// <summary>The suite's share of <c>./stationery fuzz</c>: the same generator and parsers, fewer inputs.</summary>
public sealed class ChatTextFuzzSmoke
{
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    [Fact]
    public void Twenty_thousand_generated_messages_of_up_to_4000_characters_are_read_by_every_chat_parser_without_an_exception()
    {
        // A hang detector, not a speed check (speed is ./stationery fuzz's figure): a backtracking blow-up on 4,000
        // characters runs for minutes, far past a bound that a loaded CI machine never comes near.
        var report = ChatTextFuzz.Run(20_000, HangBound);

        report.Inputs.ShouldBe(20_000);
    }

    [Fact]
    public void A_pasted_wall_of_near_misses_is_read_in_linear_time()
    {
        // Each pattern's worst shape for a backtracking engine: a long run that almost matches and never does.
        string[] walls =
        [
            new string('[', 4_000),
            string.Concat(Enumerable.Repeat("[晨光][", 570)),
            string.Concat(Enumerable.Repeat("晨光只剩", 1_000)),
            "报价 [" + new string('a', 100) + "] " + string.Concat(Enumerable.Repeat("1 ", 1_940)),
            "/补货 " + string.Concat(Enumerable.Repeat("HL-Y ", 790)),
            string.Concat(Enumerable.Repeat("@张", 2_000)),
        ];
        foreach (var wall in walls)
        {
            wall.Length.ShouldBeLessThanOrEqualTo(ChatTextFuzz.MaxLength);
            Should.CompleteIn(() => ChatTextFuzz.ReadMessage(wall), HangBound, $"{wall[..20]}… ({wall.Length} characters)");
        }
    }
}
