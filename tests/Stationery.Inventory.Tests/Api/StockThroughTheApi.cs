using Marten;
using Stationery.Hosting;
using Stationery.Hosting.Idempotency;
using System.Text.Json;

namespace Stationery.Inventory.Tests.Api;

public sealed class StockThroughTheApi(InventoryHost host) : IClassFixture<InventoryHost>
{
    private static string NewSku(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Receiving_and_selling_show_on_the_stock_board_the_ledger_and_the_alerts()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync(NewSku("HL"));
        await (await owner.PolicyAsync("main", sku, reorderPoint: 5, maxLevel: 30)).ShouldBe(200);
        await (await host.Clerk().ReceiveAsync("main", "送货单-001", (sku, 12))).ShouldBe(200);
        await (await host.Clerk().SellAsync("main", "POS-0001", (sku, 3))).ShouldBe(200);
        var sale = await host.Clerk().SellAsync("main", "POS-0002", (sku, 5));
        await sale.ShouldBe(200);

        var line = (await sale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines")[0];
        line.GetProperty("onHand").GetInt32().ShouldBe(4);
        line.GetProperty("lowStock").GetBoolean().ShouldBeTrue();

        var board = await owner.JsonAsync($"api/inventory/branches/main/stock?status=low");
        var row = board.EnumerateArray().Single(r => r.GetProperty("sku").GetString() == sku);
        row.GetProperty("name").GetString().ShouldBe("晨光荧光笔");
        row.GetProperty("spec").GetString().ShouldBe("黄色");
        row.GetProperty("onHand").GetInt32().ShouldBe(4);
        row.GetProperty("onOrder").GetInt32().ShouldBe(0);
        row.GetProperty("reorderPoint").GetInt32().ShouldBe(5);
        row.GetProperty("status").GetString().ShouldBe("low");
        row.GetProperty("daysOfCover").GetDouble().ShouldBe(0.5); // 8 sold today, first day held: 4 ÷ 8
        row.GetProperty("lastSoldAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await owner.JsonAsync("api/inventory/branches/main/stock?status=ok")).EnumerateArray()
            .ShouldNotContain(r => r.GetProperty("sku").GetString() == sku);

        var history = await owner.JsonAsync($"api/inventory/branches/main/stock/{sku}");
        var ledger = history.GetProperty("ledger").EnumerateArray().ToList();
        var movements = ledger.Where(e => e.GetProperty("quantity").GetInt32() != 0).ToList();
        movements.Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("quantity").GetInt32(), e.GetProperty("balance").GetInt32()))
            .ShouldBe([("received", 12, 12), ("sold", -3, 9), ("sold", -5, 4)]);
        movements[0].GetProperty("reference").GetString().ShouldBe("送货单-001");
        movements[0].GetProperty("by").GetString().ShouldBe("clerk");
        movements[2].GetProperty("reference").GetString().ShouldBe("POS-0002");
        ledger.Last().GetProperty("kind").GetString().ShouldBe("low-stock");
        history.GetProperty("stock").GetProperty("onHand").GetInt32().ShouldBe(4);

        var alert = (await owner.JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray()
            .Single(a => a.GetProperty("sku").GetString() == sku);
        alert.GetProperty("onHand").GetInt32().ShouldBe(4);
        alert.GetProperty("suggestedQuantity").GetInt32().ShouldBe(30); // 30 − 4 = 26 → 5 packs of 6

        await (await host.Clerk().ReceiveAsync("main", "送货单-002", (sku, 30))).ShouldBe(200);
        (await owner.JsonAsync("api/inventory/branches/main/alerts")).EnumerateArray()
            .ShouldNotContain(a => a.GetProperty("sku").GetString() == sku);
    }

    [Fact]
    public async Task A_multi_line_sale_with_one_short_line_writes_nothing_and_names_the_short_product()
    {
        var owner = host.Owner();
        var pen = await owner.RegisterAsync(NewSku("PEN"), name: "得力中性笔", spec: "0.5mm 黑色");
        var book = await owner.RegisterAsync(NewSku("NB"), name: "晨光笔记本", spec: "A5 60页");
        await (await owner.ReceiveAsync("main", "R-1", (pen, 10), (book, 2))).ShouldBe(200);

        var problem = await (await host.Clerk().SellAsync("main", "POS-9", (pen, 4), (book, 3))).ProblemAsync(409);

        problem.GetProperty("type").GetString()!.ShouldEndWith("/insufficient-stock");
        problem.GetProperty("detail").GetString()!.ShouldContain("晨光笔记本");
        problem.GetProperty("detail").GetString()!.ShouldContain(book);
        var board = await owner.JsonAsync("api/inventory/branches/main/stock");
        board.EnumerateArray().Single(r => r.GetProperty("sku").GetString() == pen).GetProperty("onHand").GetInt32().ShouldBe(10);
        board.EnumerateArray().Single(r => r.GetProperty("sku").GetString() == book).GetProperty("onHand").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_sale_sent_again_with_the_same_idempotency_key_sells_once_and_answers_the_same()
    {
        var sku = await host.Owner().RegisterAsync(NewSku("IK"));
        await (await host.Clerk().ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);
        var till = host.Clerk();
        till.DefaultRequestHeaders.Add("Idempotency-Key", "till-3:POS-7781");

        // A retry is the very same request: the till sends the same body, sale time included.
        var sale = new { reference = "POS-7781", soldAt = DateTimeOffset.UtcNow, lines = new[] { new { sku, quantity = 4, unitPrice = 3.5m } } };
        Task<HttpResponseMessage> Sell() => till.PostAsJsonAsync("api/inventory/branches/main/sales", sale);
        var answers = await Task.WhenAll(Sell(), Sell());
        var again = await Sell();

        foreach (var answer in answers.Append(again))
        {
            await answer.ShouldBe(200);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines")[0].GetProperty("onHand").GetInt32().ShouldBe(6);
        }
        var ledger = (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger");
        ledger.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "sold").ShouldBe(1);
        await (await host.Clerk().SellAsync("main", "POS-7782", (sku, 1))).ShouldBe(200); // without the key: a new sale
        var reused = await till.PostAsJsonAsync("api/inventory/branches/main/sales", sale with { reference = "POS-7783" });
        (await reused.ProblemAsync(422)).GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString()
            .ShouldBe("不能用于内容不同的请求 / must not be reused with a different body");
    }

    [Fact]
    public async Task A_sale_whose_answer_was_lost_after_it_was_applied_is_not_applied_again_and_says_so()
    {
        var sku = await host.Owner().RegisterAsync(NewSku("AL"));
        await (await host.Clerk().ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);
        var till = host.Clerk();
        var key = $"till-4:{Guid.NewGuid():N}";
        till.DefaultRequestHeaders.Add("Idempotency-Key", key);
        var sale = new { reference = "POS-8801", soldAt = DateTimeOffset.UtcNow, lines = new[] { new { sku, quantity = 4, unitPrice = 3.5m } } };
        await (await till.PostAsJsonAsync("api/inventory/branches/main/sales", sale)).ShouldBe(200);

        // The service stopped between committing the sale (with its key record) and writing the answer, a minute ago.
        var store = host.Service.Service<IDocumentStore>();
        await using (var session = store.LightweightSession("demo"))
        {
            var record = (await session.Query<AnsweredRequest>().ToListAsync()).Single(r => r.Id.EndsWith("|" + key, StringComparison.Ordinal));
            session.Store(record with { Status = null, ContentType = null, Body = null, At = DateTimeOffset.UtcNow.AddMinutes(-1) });
            await session.SaveChangesAsync();
        }

        var again = await till.PostAsJsonAsync("api/inventory/branches/main/sales", sale);
        var problem = await again.ProblemAsync(409);
        problem.GetProperty("type").GetString()!.ShouldEndWith("/answer-lost");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("使用此 Idempotency-Key 的请求已经执行过一次");
        again.Headers.GetValues(RepeatedRequests.ReplayedHeader).ShouldBe(["true"]);
        var ledger = (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger");
        ledger.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "sold").ShouldBe(1);
    }

    [Fact]
    public async Task Answered_commands_are_kept_a_week_then_purged_like_the_inbox()
    {
        var sku = await host.Owner().RegisterAsync(NewSku("RT"));
        var till = host.Clerk();
        var key = $"till-5:{Guid.NewGuid():N}";
        till.DefaultRequestHeaders.Add("Idempotency-Key", key);
        await (await till.PostAsJsonAsync("api/inventory/branches/main/receipts", new { reference = "R-RT", lines = new[] { new { sku, quantity = 3 } } }))
            .ShouldBe(200);
        var store = host.Service.Service<IDocumentStore>();
        async Task<bool> Kept()
        {
            await using var query = store.QuerySession("demo");
            return (await query.Query<AnsweredRequest>().ToListAsync()).Any(r => r.Id.EndsWith("|" + key, StringComparison.Ordinal));
        }
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        RecordRetention At(TimeSpan later) => new(store, config, new TestClock(DateTimeOffset.UtcNow + later),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RecordRetention>.Instance);

        await At(TimeSpan.FromDays(6)).PurgeAsync(CancellationToken.None);
        (await Kept()).ShouldBeTrue();
        var (_, answers) = await At(TimeSpan.FromDays(7.5)).PurgeAsync(CancellationToken.None);
        answers.ShouldBeGreaterThanOrEqualTo(1);
        (await Kept()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_manager_adjusts_with_a_reason_and_the_ledger_keeps_it()
    {
        var sku = await host.Owner().RegisterAsync(NewSku("ER"), name: "辉柏嘉橡皮", spec: "白色 大号");
        await (await host.Clerk().ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);

        var adjusted = await host.Manager().PostAsJsonAsync("api/inventory/branches/main/adjustments",
            new { sku, delta = -2, reason = "damage", note = "运输压坏" });
        await adjusted.ShouldBe(200);

        var entry = (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger")
            .EnumerateArray().Last();
        entry.GetProperty("kind").GetString().ShouldBe("adjusted");
        entry.GetProperty("quantity").GetInt32().ShouldBe(-2);
        entry.GetProperty("balance").GetInt32().ShouldBe(8);
        entry.GetProperty("reason").GetString().ShouldBe("damage");
        entry.GetProperty("note").GetString().ShouldBe("运输压坏");
        entry.GetProperty("by").GetString().ShouldBe("manager");
    }

    [Fact]
    public async Task Goods_returned_to_the_supplier_leave_the_ledger_with_the_reason_and_a_clerk_may_not_return()
    {
        var sku = await host.Owner().RegisterAsync(NewSku("RT"));
        await (await host.Clerk().ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);

        var returned = await host.Manager().PostAsJsonAsync("api/inventory/branches/main/returns",
            new { reference = "退货单-01", supplierId = "S-1", reason = "笔头干涸", lines = new[] { new { sku, quantity = 3 } } });
        await returned.ShouldBe(200);
        await (await host.Clerk().PostAsJsonAsync("api/inventory/branches/main/returns",
            new { reference = "退货单-02", lines = new[] { new { sku, quantity = 1 } } })).ProblemAsync(403);

        var entry = (await host.Owner().JsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger").EnumerateArray().Last();
        entry.GetProperty("kind").GetString().ShouldBe("returned");
        entry.GetProperty("quantity").GetInt32().ShouldBe(-3);
        entry.GetProperty("balance").GetInt32().ShouldBe(7);
        entry.GetProperty("reason").GetString().ShouldBe("笔头干涸");
        entry.GetProperty("reference").GetString().ShouldBe("退货单-01");
    }

    [Fact]
    public async Task The_catalogue_finds_products_by_a_chinese_substring_and_by_barcode()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync(NewSku("MK"), name: "晨光双头记号笔", spec: "红色 细头", barcode: "6921734900012");

        var bySubstring = await host.Clerk().JsonAsync("api/inventory/products?search=" + Uri.EscapeDataString("记号"));
        bySubstring.EnumerateArray().ShouldContain(p => p.GetProperty("sku").GetString() == sku);
        var bySpec = await host.Clerk().JsonAsync("api/inventory/products?search=" + Uri.EscapeDataString("细头"));
        bySpec.EnumerateArray().ShouldContain(p => p.GetProperty("sku").GetString() == sku);
        var byBarcode = await host.Clerk().JsonAsync("api/inventory/products?barcode=6921734900012");
        byBarcode.EnumerateArray().ShouldHaveSingleItem().GetProperty("sku").GetString().ShouldBe(sku);
        (await host.Clerk().JsonAsync("api/inventory/products?search=" + Uri.EscapeDataString("不存在的商品"))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Registering_a_sku_twice_is_a_conflict()
    {
        var sku = await host.Owner().RegisterAsync(NewSku("DUP"));

        var again = await host.Owner().PostAsJsonAsync("api/inventory/products",
            new { sku, name = "另一个", category = "笔类", unit = "支", retailPrice = 1m, packSize = 1 });

        (await again.ProblemAsync(409)).GetProperty("type").GetString()!.ShouldEndWith("/sku-taken");
    }

    [Fact]
    public async Task Hq_sees_every_branch_and_a_clerk_only_their_own()
    {
        (await host.Hq().GetAsync("api/inventory/branches/east/stock")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await host.Clerk("main").GetAsync("api/inventory/branches/east/stock")).ProblemAsync(403);
        problem.GetProperty("detail").GetString()!.ShouldContain("east");
    }

    [Fact]
    public async Task A_branch_the_chain_does_not_have_is_not_found()
    {
        var problem = await (await host.Owner().GetAsync("api/inventory/branches/nowhere/stock")).ProblemAsync(404);
        problem.GetProperty("detail").GetString()!.ShouldContain("nowhere");
    }
}
