using System.Text.Json;

namespace Stationery.Inventory.Tests.Api;

public sealed class TransfersBetweenBranches(InventoryHost host) : IClassFixture<InventoryHost>
{
    private async Task<(int OnHand, int InTransit)> StockAsync(string branch, string sku)
    {
        var stock = (await host.Owner().JsonAsync($"api/inventory/branches/{branch}/stock/{sku}")).GetProperty("stock");
        return (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("inTransit").GetInt32());
    }

    [Fact]
    public async Task Stock_sent_to_another_branch_is_in_transit_until_that_branch_confirms_it_once()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"TR-{Guid.NewGuid():N}"[..16], name: "得力中性笔");
        await (await owner.ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);

        var sent = await host.Manager("main").PostAsJsonAsync("api/inventory/branches/main/transfers",
            new { toBranch = "east", lines = new[] { new { sku, quantity = 7 } }, note = "开学季补货" });
        await sent.ShouldBe(201);
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        (await StockAsync("main", sku)).ShouldBe((3, 0));
        (await StockAsync("east", sku)).ShouldBe((0, 7));
        (await host.Clerk("east").JsonAsync("api/inventory/branches/east/transfers?status=in-transit")).EnumerateArray()
            .ShouldContain(t => t.GetProperty("id").GetString() == id);

        await (await host.Clerk("east").PostAsync($"api/inventory/branches/east/transfers/{id}/receive", null)).ShouldBe(200);
        var twice = await (await host.Clerk("east").PostAsync($"api/inventory/branches/east/transfers/{id}/receive", null)).ProblemAsync(409);

        twice.GetProperty("type").GetString()!.ShouldEndWith("/transfer-already-received");
        (await StockAsync("main", sku)).ShouldBe((3, 0));
        (await StockAsync("east", sku)).ShouldBe((7, 0));
        var ledger = (await owner.JsonAsync($"api/inventory/branches/east/stock/{sku}")).GetProperty("ledger").EnumerateArray().ToList();
        ledger.Last().GetProperty("kind").GetString().ShouldBe("transfer-in");
        ledger.Last().GetProperty("reference").GetString().ShouldBe(id);
        ledger.Last().GetProperty("balance").GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task A_receipt_may_take_in_part_of_a_transfer_and_the_rest_later_and_never_more_than_was_sent()
    {
        var owner = host.Owner();
        var sku = await owner.RegisterAsync($"TP-{Guid.NewGuid():N}"[..16], name: "得力中性笔");
        await (await owner.ReceiveAsync("main", "R-1", (sku, 10))).ShouldBe(200);
        var sent = await host.Manager("main").PostAsJsonAsync("api/inventory/branches/main/transfers",
            new { toBranch = "east", lines = new[] { new { sku, quantity = 7 } } });
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var receive = $"api/inventory/branches/east/transfers/{id}/receive";

        var part = await host.Clerk("east").PostAsJsonAsync(receive, new { lines = new[] { new { sku, quantity = 5 } } });
        await part.ShouldBe(200);
        var view = await part.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("partly-received");
        view.GetProperty("received")[0].GetProperty("quantity").GetInt32().ShouldBe(5);
        (await StockAsync("east", sku)).ShouldBe((5, 2));

        var tooMany = await (await host.Clerk("east").PostAsJsonAsync(receive, new { lines = new[] { new { sku, quantity = 3 } } })).ProblemAsync(400);
        tooMany.FieldErrors("lines[0].quantity")[0].ShouldStartWith("最多 2");
        (await StockAsync("east", sku)).ShouldBe((5, 2));

        await (await host.Clerk("east").PostAsync(receive, null)).ShouldBe(200);
        (await StockAsync("east", sku)).ShouldBe((7, 0));
        (await StockAsync("main", sku)).ShouldBe((3, 0));
        var done = await host.Clerk("east").JsonAsync($"api/inventory/branches/east/transfers/{id}");
        done.GetProperty("status").GetString().ShouldBe("received");
        done.GetProperty("received")[0].GetProperty("quantity").GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task A_transfer_to_the_own_or_an_unknown_branch_names_the_field_and_writes_nothing()
    {
        var sku = await host.Owner().RegisterAsync($"TO-{Guid.NewGuid():N}"[..16]);
        await (await host.Owner().ReceiveAsync("main", "R-1", (sku, 5))).ShouldBe(200);

        foreach (var toBranch in new[] { "main", "nowhere" })
        {
            var problem = await (await host.Manager("main").PostAsJsonAsync("api/inventory/branches/main/transfers",
                new { toBranch, lines = new[] { new { sku, quantity = 1 } } })).ProblemAsync(400);
            problem.FieldErrors("toBranch").ShouldNotBeEmpty();
        }
        (await StockAsync("main", sku)).ShouldBe((5, 0));
    }

    [Fact]
    public async Task A_clerk_cannot_send_stock_away()
    {
        var sku = await host.Owner().RegisterAsync($"TC-{Guid.NewGuid():N}"[..16]);

        await (await host.Clerk("main").PostAsJsonAsync("api/inventory/branches/main/transfers",
            new { toBranch = "east", lines = new[] { new { sku, quantity = 1 } } })).ProblemAsync(403);
    }
}
