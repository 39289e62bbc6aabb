using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Messages;
using Stationery.Contracts.Inventory;
using Stationery.Hosting.Messaging;
using Stationery.Testing;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Tests;

/// <summary>
/// 盘点 in the branch's 盘点 channel, with Inventory played by hand: the announcement @mentions the counters; a count said there
/// during an open stocktake goes to Inventory (not to the stock-report comparison) and its card follows Inventory's answer;
/// a finished zone is told in the article's words with a card per variance whose reason buttons ask Inventory; the end is
/// posted with its figures. Every post is written once however often its event is delivered.
/// </summary>
public sealed class StocktakeChatTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private const string EastStocktake = "east-stocktake", MainStocktake = "main-stocktake";

    private static string NewId() => $"ST-20261203-{Guid.NewGuid():N}"[..18].ToUpperInvariant();

    private static StocktakeOpened Opened(string id, string branch = "east") => new(ChatFixture.Tenant, branch, id, "full", true,
        [
            new("z1", "文具区", "类别：笔类", 12, [new("clerk-east", "小周")]),
            new("z2", "笔记本区域", "类别：本册", 8, [new("owner", "张店长"), new("clerk", "小李")]),
        ], "张店长", DateTimeOffset.UtcNow);

    private static StocktakeZoneFinished Finished(string id, string zoneId, string zone, params StocktakeVariance[] variances) =>
        new(ChatFixture.Tenant, "east", id, zoneId, zone, 12, variances, variances.Length == 0 ? 1m : 0.9m, "小周", DateTimeOffset.UtcNow);

    private static StocktakeVariance Watercolour(int expected = 12, int counted = 10) => new("WC-16K", "水彩本", "16K", "本", expected, counted, false);

    private async Task<List<MessageDto>> PostsAsync(HttpClient client, string channel, string containing, int atLeast = 1) =>
        (await Probe.Until(() => ChatFixture.MessagesAsync(client, channel), l => l.Count(m => m.Text.Contains(containing)) >= atLeast,
            what: $"posts in {channel} saying {containing}")).Where(m => m.Text.Contains(containing)).ToList();

    private async Task<MessageDto> SayAsync(HttpClient client, string channel, string text)
    {
        var posted = await client.PostAsJsonAsync($"api/chat/channels/{channel}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await posted.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
    }

    private async Task<string> RegisterAsync(string name)
    {
        var sku = $"SK-{Guid.NewGuid():N}"[..12];
        await fixture.Publish(new ProductRegistered(ChatFixture.Tenant, sku, name, "16K", "得力", "本册", "本", null, 6.5m, 10, DateTimeOffset.UtcNow));
        await Probe.Until(async () =>
        {
            await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
            return await session.LoadAsync<CatalogueItem>(sku) is not null;
        }, what: "Chat's catalogue copy");
        return sku;
    }

    private static async Task<MessageDto> ReplyAsync(HttpClient client, string channel, string to, Func<MessageDto, bool>? until = null) =>
        (await Probe.Until(() => ChatFixture.MessagesAsync(client, channel), l => l.Any(m => m.ReplyTo == to && (until is null || until(m))),
            what: $"the bot's answer to {to}")).Single(m => m.ReplyTo == to);

    private async Task<bool> HandledAsync(string consumer, Guid messageId)
    {
        await using var session = fixture.Chat.Service<IDocumentStore>().QuerySession(ChatFixture.Tenant);
        return await session.LoadAsync<ProcessedMessage>(ProcessedMessage.Key(consumer, messageId)) is not null;
    }

    private async Task<long> LastSeqAsync(HttpClient client, string channel) =>
        (await ChatFixture.MessagesAsync(client, channel)).Select(m => m.Seq).DefaultIfEmpty(0).Max();

    private static async Task<MessageDto> VarianceCardAsync(HttpClient client, long after) =>
        (await Probe.Until(() => ChatFixture.MessagesAsync(client, EastStocktake, after), l => l.Any(m => m.Card?.Kind == "stocktake-variance"),
            what: "the variance card")).Single(m => m.Card?.Kind == "stocktake-variance");

    private static async Task<long> MentionsAsync(HttpClient client, string channel) =>
        (await ChatFixture.ChannelsAsync(client)).Single(c => c.Id == channel).Mentions;

    [Fact]
    public async Task Opening_a_stocktake_announces_its_zones_in_the_盘点_channel_mentioning_the_counters_once_however_often_delivered()
    {
        using var clerkEast = fixture.ClientFor("clerk-east");
        var id = NewId();
        var mentionsBefore = await MentionsAsync(clerkEast, EastStocktake);
        var first = Guid.NewGuid();

        await fixture.Publish(Opened(id), first);
        await fixture.Publish(Opened(id), first);
        await fixture.Publish(Opened(id));

        var announcement = (await PostsAsync(clerkEast, EastStocktake, id)).ShouldHaveSingleItem();
        announcement.Text.ShouldBe(
            $"📋 张店长 发起了全盘 {id}（盲盘：清点时不显示系统数量），共 2 个区域：\n" +
            "• 文具区（类别：笔类，12 种商品）：@小周\n" +
            "• 笔记本区域（类别：本册，8 种商品）：@张店长 @小李\n" +
            "清点时在本群按 [商品名称][规格型号][数量] 报数，例如 [水彩本][16K][10]；也可以在 App 的盘点页面扫码清点。");
        // 小李 counts at east but is staff of main only: named, but not notified of a channel he cannot open.
        announcement.Mentions.ShouldBe(["clerk-east", "owner"]);
        (announcement.AuthorName, announcement.Important).ShouldBe(("盘点助手", true));
        await Probe.Until(() => MentionsAsync(clerkEast, EastStocktake), n => n == mentionsBefore + 1, what: "小周's unread mention");

        await fixture.Publish(new StocktakeCancelled(ChatFixture.Tenant, "east", id, "张店长", DateTimeOffset.UtcNow));
        await PostsAsync(clerkEast, EastStocktake, $"盘点 {id} 已取消");
        (await PostsAsync(clerkEast, EastStocktake, id, 2)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_count_said_in_the_盘点_channel_during_a_stocktake_goes_to_inventory_not_to_the_stock_report_and_its_card_follows_the_answer()
    {
        var counts = await fixture.Bus.ObserveAsync<StocktakeCountReportedInChat>();
        var reports = await fixture.Bus.ObserveAsync<Contract.StockReportedInChat>();
        using var clerkEast = fixture.ClientFor("clerk-east");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var sku = await RegisterAsync($"水彩本{suffix}");
        var id = NewId();
        await fixture.Publish(Opened(id));
        await PostsAsync(clerkEast, EastStocktake, id);

        var said = await SayAsync(clerkEast, EastStocktake, $"[水彩本{suffix}][16K][10]");

        var card = await ReplyAsync(clerkEast, EastStocktake, said.Id);
        card.Text.ShouldBe($"小周 报数：水彩本{suffix} 16K 10 本（盘点 {id}）");
        (card.Card!.Kind, card.Card.Title, card.Card.Status, card.Card.Resolution, card.Card.ResolvedBy)
            .ShouldBe(("stocktake-count", $"盘点计数 · 水彩本{suffix} 16K", "pending", "计数中…", "小周"));
        card.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("实际数量", "10 本"), ("盘点单", id)]);
        card.Card.Actions.ShouldBeEmpty();

        var request = (await Probe.Until(() => Task.FromResult(counts.Where(c => c.Message.ChatMessageId == said.Id).ToList()), l => l.Count > 0,
            what: "StocktakeCountReportedInChat")).ShouldHaveSingleItem().Message;
        (request.BranchId, request.StocktakeId, request.Sku, request.Counted, request.RequestedBy, request.RequestedByName, request.ReplyMessageId)
            .ShouldBe(("east", id, sku, 10, "clerk-east", "小周", card.Id));
        request.RequestedByRoles.ShouldBe(["clerk"]);
        request.RequestedByBranches.ShouldBe(["east"]);

        await fixture.Publish(new StocktakeCountAnswered(ChatFixture.Tenant, "east", id, sku, 10, "recorded", "文具区",
            "已计入 文具区（你的第 1 次清点） (counted toward 文具区)", said.Id, card.Id, DateTimeOffset.UtcNow));

        var answered = (await ReplyAsync(clerkEast, EastStocktake, said.Id, m => m.Card!.Status == "done")).Card!;
        answered.Resolution.ShouldBe("已计入 文具区（你的第 1 次清点） (counted toward 文具区)");
        // Only what the counter said and where it went: never the book figure (the stocktake is blind).
        answered.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("实际数量", "10 本"), ("盘点单", id), ("计入区域", "文具区")]);
        (await ChatFixture.MessagesAsync(clerkEast, EastStocktake)).Count(m => m.ReplyTo == said.Id).ShouldBe(1);
        reports.ShouldNotContain(r => r.Message.ChatMessageId == said.Id);

        await fixture.Publish(new StocktakeCancelled(ChatFixture.Tenant, "east", id, "张店长", DateTimeOffset.UtcNow));
        await PostsAsync(clerkEast, EastStocktake, $"盘点 {id} 已取消");
    }

    [Fact]
    public async Task A_refused_count_says_why_and_free_talk_during_a_stocktake_is_left_alone()
    {
        var counts = await fixture.Bus.ObserveAsync<StocktakeCountReportedInChat>();
        using var clerkEast = fixture.ClientFor("clerk-east");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var sku = await RegisterAsync($"素描本{suffix}");
        var id = NewId();
        await fixture.Publish(Opened(id));
        await PostsAsync(clerkEast, EastStocktake, id);

        var talk = await SayAsync(clerkEast, EastStocktake, $"素描本{suffix}还有3本在仓库里");
        var said = await SayAsync(clerkEast, EastStocktake, $"【素描本{suffix}】【16K】【4】");
        var card = await ReplyAsync(clerkEast, EastStocktake, said.Id);
        await Probe.Until(() => Task.FromResult(counts.Count(c => c.Message.ChatMessageId == said.Id)), n => n == 1, what: "the count's request");
        const string why = "素描本不在你负责的区域（文具区） (this product is outside your zone 文具区)";
        await fixture.Publish(new StocktakeCountAnswered(ChatFixture.Tenant, "east", id, sku, 4, "refused", null, why, said.Id, card.Id,
            DateTimeOffset.UtcNow));

        var refused = (await ReplyAsync(clerkEast, EastStocktake, said.Id, m => m.Card!.Status == "done")).Card!;
        refused.Resolution.ShouldBe(why);
        refused.Fields.Select(f => f.Label).ShouldBe(["实际数量", "盘点单"]);
        counts.ShouldNotContain(c => c.Message.ChatMessageId == talk.Id);
        (await ChatFixture.MessagesAsync(clerkEast, EastStocktake)).ShouldNotContain(m => m.ReplyTo == talk.Id);

        await fixture.Publish(new StocktakeCancelled(ChatFixture.Tenant, "east", id, "张店长", DateTimeOffset.UtcNow));
        await PostsAsync(clerkEast, EastStocktake, $"盘点 {id} 已取消");
    }

    [Fact]
    public async Task A_finished_zone_is_told_in_the_articles_words_with_one_card_per_variance_posted_once_however_often_delivered()
    {
        using var clerkEast = fixture.ClientFor("clerk-east");
        var id = NewId();
        await fixture.Publish(Opened(id));
        await PostsAsync(clerkEast, EastStocktake, id);
        var before = await LastSeqAsync(clerkEast, EastStocktake);

        await fixture.Publish(Finished(id, "z1", "文具区"));
        var variance = Finished(id, "z2", "笔记本区域", Watercolour());
        var delivery = Guid.NewGuid();
        await fixture.Publish(variance, delivery);
        await fixture.Publish(variance, delivery);
        await Probe.Until(() => HandledAsync(nameof(Stocktakes.Variances.StocktakeZoneFinishedConsumer), delivery), what: "the zone's finish handled");
        // Replayed later under a new MessageId (as ./stationery replay re-sends from the event store): it finds the post.
        var replay = Guid.NewGuid();
        await fixture.Publish(variance, replay);
        await Probe.Until(() => HandledAsync(nameof(Stocktakes.Variances.StocktakeZoneFinishedConsumer), replay), what: "the replay handled");

        await PostsAsync(clerkEast, EastStocktake, "文具区清点完毕");
        await PostsAsync(clerkEast, EastStocktake, "笔记本区域发现差异");
        var posts = (await Probe.Until(() => ChatFixture.MessagesAsync(clerkEast, EastStocktake, before), l => l.Count >= 3,
            what: "the zone posts and the variance card")).ToList();
        posts.Select(m => m.Text).Where(t => !t.StartsWith("差异")).Order(StringComparer.Ordinal)
            .ShouldBe(["文具区清点完毕,与系统数据一致", "笔记本区域发现差异,水彩本系统显示12本,实际数了只有10本"]);

        var card = posts.Where(m => m.Card?.Kind == "stocktake-variance").ShouldHaveSingleItem();
        card.ReplyTo.ShouldBeNull("each variance is the root of its own thread");
        card.Text.ShouldBe("差异：水彩本 16K 系统 12 本，实际 10 本（-2 本）。请选择原因，可以在这条消息下讨论。");
        card.Card!.Title.ShouldBe("盘点差异 · 笔记本区域 · 水彩本 16K");
        card.Card.Fields.Select(f => (f.Label, f.Value)).ShouldBe([("系统数量", "12 本"), ("实际数量", "10 本"), ("差异", "-2 本")]);
        card.Card.Actions.Select(a => (a.Id, a.Label)).ShouldBe([
            ("explain-unrecorded-sale", "销售漏记"), ("explain-delivery-not-booked", "进货未入库"), ("explain-miscount", "数错"),
            ("explain-damage", "损坏"), ("explain-loss", "丢失/被盗"), ("explain-other", "其他"),
        ]);

        (await ChatFixture.MessagesAsync(clerkEast, EastStocktake, before)).Count.ShouldBe(3);

        await fixture.Publish(new StocktakeCancelled(ChatFixture.Tenant, "east", id, "张店长", DateTimeOffset.UtcNow));
        await PostsAsync(clerkEast, EastStocktake, $"盘点 {id} 已取消");
    }

    [Fact]
    public void Several_variances_are_joined_into_one_sentence_and_a_surplus_or_an_empty_shelf_is_said_as_such()
    {
        var texts = Stocktakes.StocktakeTexts.For(new ConfigurationBuilder().Build());
        texts.ZoneFinished(Finished("ST-1", "z2", "笔记本区域", Watercolour(), new("GP-05", "中性笔", "0.5mm", "支", 30, 32, false),
                new("WC-8K", "水彩本", "8K", "本", 5, 0, true)))
            .ShouldBe("笔记本区域发现差异,水彩本16K系统显示12本,实际数了只有10本；中性笔系统显示30支,实际数了有32支；水彩本8K系统显示5本,实际一本都没数到");
    }

    [Fact]
    public async Task Pressing_a_reason_asks_inventory_and_a_miscount_asks_the_zones_counters_to_recount_in_the_thread()
    {
        var requests = await fixture.Bus.ObserveAsync<StocktakeVarianceExplanationRequested>();
        using var clerkEast = fixture.ClientFor("clerk-east");
        var id = NewId();
        await fixture.Publish(Opened(id));
        await PostsAsync(clerkEast, EastStocktake, id);
        var before = await LastSeqAsync(clerkEast, EastStocktake);
        await fixture.Publish(Finished(id, "z1", "文具区", Watercolour()));
        var card = await VarianceCardAsync(clerkEast, before);

        var press = await clerkEast.PostAsJsonAsync($"api/chat/messages/{card.Id}/actions/explain-miscount", new { note = "货架底层漏数了" });
        press.StatusCode.ShouldBe(HttpStatusCode.Accepted, await press.Content.ReadAsStringAsync());
        var pending = (await press.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!.Card!;
        (pending.Status, pending.ResolvedBy, pending.Resolution).ShouldBe(("pending", "小周", "正在记录原因…"));

        var request = (await Probe.Until(() => Task.FromResult(requests.Where(r => r.Message.ChatMessageId == card.Id).ToList()), l => l.Count > 0,
            what: "StocktakeVarianceExplanationRequested")).ShouldHaveSingleItem().Message;
        (request.BranchId, request.StocktakeId, request.Sku, request.Reason, request.Note, request.RequestedBy, request.RequestedByName)
            .ShouldBe(("east", id, "WC-16K", "miscount", "货架底层漏数了", "clerk-east", "小周"));
        request.RequestedByRoles.ShouldBe(["clerk"]);
        request.RequestedByBranches.ShouldBe(["east"]);

        var explained = new StocktakeVarianceExplained(ChatFixture.Tenant, "east", id, "z1", "WC-16K", "miscount", "货架底层漏数了", "小周", card.Id,
            DateTimeOffset.UtcNow);
        var delivery = Guid.NewGuid();
        await fixture.Publish(explained, delivery);
        await fixture.Publish(explained, delivery);

        var done = (await Probe.Until(() => ChatFixture.MessagesAsync(clerkEast, EastStocktake), l => l.Single(m => m.Id == card.Id).Card!.Status == "done",
            what: "the explained card")).Single(m => m.Id == card.Id).Card!;
        (done.Resolution, done.ResolvedBy).ShouldBe(("原因：数错（小周）：货架底层漏数了", "小周"));
        done.Actions.ShouldBeEmpty();
        var recount = await ReplyAsync(clerkEast, EastStocktake, card.Id);
        recount.Text.ShouldBe("🔁 小周 认为水彩本 16K数错了，请 @小周 复盘：在本群重新报数即可（你的新数字会替换之前的），例如 [水彩本][16K][数量]。");
        recount.Mentions.ShouldBe(["clerk-east"]);

        // People talk in the variance's thread as in any thread; nobody answers them.
        var talk = await clerkEast.PostAsJsonAsync($"api/chat/channels/{EastStocktake}/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), text = "我下午再数一遍", replyTo = card.Id });
        talk.StatusCode.ShouldBe(HttpStatusCode.Created);
        await fixture.Publish(explained);
        (await ChatFixture.MessagesAsync(clerkEast, EastStocktake)).Count(m => m.ReplyTo == card.Id && m.AuthorId == "bot").ShouldBe(1);
        requests.Count(r => r.Message.ChatMessageId == card.Id).ShouldBe(1);

        await fixture.Publish(new StocktakeCancelled(ChatFixture.Tenant, "east", id, "张店长", DateTimeOffset.UtcNow));
        await PostsAsync(clerkEast, EastStocktake, $"盘点 {id} 已取消");
    }

    [Fact]
    public async Task A_role_without_stocktake_count_cannot_press_a_reason_and_a_refusal_from_inventory_is_shown_on_the_card()
    {
        var requests = await fixture.Bus.ObserveAsync<StocktakeVarianceExplanationRequested>();
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var noStocktakeRole = fixture.Chat.ClientFor(ChatFixture.Token("clerk-east", roles: ["supplier"], branches: ["east"]));
        var id = NewId();
        await fixture.Publish(Opened(id));
        await PostsAsync(clerkEast, EastStocktake, id);
        var before = await LastSeqAsync(clerkEast, EastStocktake);
        await fixture.Publish(Finished(id, "z1", "文具区", Watercolour(12, 15)));
        var card = await VarianceCardAsync(clerkEast, before);
        card.Text.ShouldContain("实际 15 本");

        var forbidden = await noStocktakeRole.PostAsync($"api/chat/messages/{card.Id}/actions/explain-loss", null);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadAsStringAsync()).ShouldContain("stocktake.count");
        var tooLongNote = await clerkEast.PostAsJsonAsync($"api/chat/messages/{card.Id}/actions/explain-loss", new { note = new string('长', 501) });
        tooLongNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLongNote.Content.ReadAsStringAsync()).ShouldContain("note");

        (await clerkEast.PostAsync($"api/chat/messages/{card.Id}/actions/explain-loss", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Probe.Until(() => Task.FromResult(requests.Count(r => r.Message.ChatMessageId == card.Id)), n => n == 1, what: "the request");
        const string why = "盘点 已完成，不能再修改原因 (the stocktake is closed).";
        await fixture.Publish(new StocktakeChatRefused(ChatFixture.Tenant, "east", id, "WC-16K", why, "小周", card.Id, DateTimeOffset.UtcNow));

        var refused = (await Probe.Until(() => ChatFixture.MessagesAsync(clerkEast, EastStocktake),
            l => l.Single(m => m.Id == card.Id).Card!.Resolution == why, what: "the refusal on the card")).Single(m => m.Id == card.Id).Card!;
        (refused.Status, refused.ResolvedBy).ShouldBe(("open", null), "the stocktake is still open: someone who may can choose again");
        refused.Actions.Count.ShouldBe(6);
        requests.Where(r => r.Message.ChatMessageId == card.Id).ShouldHaveSingleItem().Message.RequestedBy.ShouldBe("clerk-east");

        await fixture.Publish(new StocktakeCancelled(ChatFixture.Tenant, "east", id, "张店长", DateTimeOffset.UtcNow));
        await PostsAsync(clerkEast, EastStocktake, $"盘点 {id} 已取消");
    }

    [Fact]
    public async Task The_completed_stocktake_is_posted_with_its_accuracy_and_afterwards_a_report_in_the_盘点_channel_is_a_stock_report_again()
    {
        var reports = await fixture.Bus.ObserveAsync<Contract.StockReportedInChat>();
        var counts = await fixture.Bus.ObserveAsync<StocktakeCountReportedInChat>();
        using var clerk = fixture.ClientFor("clerk");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await RegisterAsync($"水粉本{suffix}");
        var id = NewId();
        await fixture.Publish(Opened(id, "main"));
        await PostsAsync(clerk, MainStocktake, id);

        var completed = new StocktakeCompleted(ChatFixture.Tenant, "main", id, "full", 120, 1000, 12, 0.988m, 8000.00m, 150.00m, 0.98125m, 3, "张店长",
            DateTimeOffset.UtcNow);
        var delivery = Guid.NewGuid();
        await fixture.Publish(completed, delivery);
        await fixture.Publish(completed, delivery);
        await fixture.Publish(completed);

        var done = (await PostsAsync(clerk, MainStocktake, $"盘点 {id} 已完成")).ShouldHaveSingleItem();
        done.Text.ShouldBe($"✅ 盘点 {id} 已完成（张店长）：清点 120 种商品，系统 1000 件，差异 12 件；数量准确率 98.8%，金额准确率 98.1%" +
            "（按零售价：系统 ¥8000.00，差异 ¥150.00）；已登记 3 笔库存调整。");

        var said = await SayAsync(clerk, MainStocktake, $"[水粉本{suffix}][16K][7]");
        await Probe.Until(() => Task.FromResult(reports.Count(r => r.Message.ChatMessageId == said.Id)), n => n == 1, what: "the ordinary stock report");
        counts.ShouldNotContain(c => c.Message.ChatMessageId == said.Id);
        (await PostsAsync(clerk, MainStocktake, $"盘点 {id} 已完成")).Select(m => $"{m.Seq} {m.Id} {m.ReplyTo} {m.Text}").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_days_stocktakes_are_on_the_daily_report_card_with_their_accuracy()
    {
        using var owner = fixture.ClientFor("owner");
        var report = new Stationery.Contracts.Reporting.DailyReportPublished(ChatFixture.Tenant, "main", "总店", new DateOnly(2025, 11, 20), 300m, 30, 9, [], [], 0, 0,
            "/api/reporting/branches/main/daily.png?date=2025-11-20", DateTimeOffset.UtcNow)
        {
            Stocktakes = [new Stationery.Contracts.Reporting.ReportStocktake("ST-20251120-0A1B2C", "full", 120, 12, 0.988m, 0.98125m, 3)],
        };
        await fixture.Publish(report);

        var card = (await Probe.Until(() => ChatFixture.MessagesAsync(owner, "main-group"),
            h => h.Any(m => m.Card?.Title == "📊 今日销售日报 11月20日"), what: "the report card")).Single(m => m.Card?.Title == "📊 今日销售日报 11月20日").Card!;
        card.Fields.Last().ShouldBe(new Stationery.Contracts.Chat.ChatCardField("盘点 ST-20251120-0A1B2C", "全盘 120 种，准确率 98.8%（金额 98.1%），差异 12 件，调整 3 笔"));
    }
}
