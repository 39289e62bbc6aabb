using System.Text;

namespace Stationery.Inventory.Tests.Api;

/// <summary>Every refusal is RFC 7807 problem details naming the field or the rule, and writes nothing.</summary>
public sealed class BadInput(InventoryHost host) : IClassFixture<InventoryHost>
{
    [Fact]
    public async Task Malformed_json_is_a_400_naming_where_it_broke()
    {
        var response = await host.Clerk().PostAsync("api/inventory/branches/main/receipts",
            new StringContent("{\"reference\": \"R-1\", \"lines\": [ {\"sku\": ", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400);
        problem.GetProperty("type").GetString()!.ShouldEndWith("/malformed-json");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("请求正文在", customMessage: "Chinese first");
    }

    [Fact]
    public async Task A_quantity_of_the_wrong_type_names_the_field()
    {
        var response = await host.Clerk().PostAsync("api/inventory/branches/main/receipts",
            new StringContent("""{"reference": "R-1", "lines": [ {"sku": "X", "quantity": "lots"} ]}""", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        errors.ShouldContain(e => e.Name.Contains("quantity"));
        errors.First(e => e.Name.Contains("quantity")).Value[0].GetString()!.ShouldStartWith("不是此字段可接受的 JSON");
    }

    [Fact]
    public async Task An_unknown_sku_names_the_line_and_nothing_is_received()
    {
        var known = await host.Owner().RegisterAsync($"KN-{Guid.NewGuid():N}"[..16]);

        var problem = await (await host.Clerk().ReceiveAsync("main", "R-1", (known, 5), ("NO-SUCH-SKU", 1))).ProblemAsync(400);

        problem.FieldErrors("lines[1].sku").ShouldHaveSingleItem().ShouldContain("NO-SUCH-SKU");
        (await host.Owner().JsonAsync("api/inventory/branches/main/stock")).EnumerateArray()
            .ShouldNotContain(r => r.GetProperty("sku").GetString() == known);
    }

    [Fact]
    public async Task Zero_and_negative_quantities_name_each_line()
    {
        var sku = await host.Owner().RegisterAsync($"NQ-{Guid.NewGuid():N}"[..16]);

        var problem = await (await host.Clerk().SellAsync("main", "POS-1", (sku, -2))).ProblemAsync(400);
        problem.FieldErrors("lines[0].quantity").ShouldBe(["必须大于 0 / must be greater than 0"]);

        var receipt = await (await host.Clerk().ReceiveAsync("main", "", (sku, 0))).ProblemAsync(400);
        receipt.FieldErrors("lines[0].quantity").ShouldBe(["必须大于 0 / must be greater than 0"]);
        receipt.FieldErrors("reference").ShouldBe(["必填 / is required"]);
    }

    [Fact]
    public async Task A_product_with_several_bad_fields_lists_every_one_including_the_barcode_checksum()
    {
        var response = await host.Owner().PostAsJsonAsync("api/inventory/products", new
        {
            sku = "bad sku!", name = "", category = "笔类", unit = "支", barcode = "6921734900013", retailPrice = -1m, packSize = 0,
        });

        var problem = await response.ProblemAsync(400);
        problem.FieldErrors("sku").ShouldNotBeEmpty();
        problem.FieldErrors("name").ShouldBe(["必填 / is required"]);
        problem.FieldErrors("barcode").ShouldHaveSingleItem().ShouldContain("EAN-13");
        problem.FieldErrors("retailPrice").ShouldNotBeEmpty();
        problem.FieldErrors("packSize").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_adjustment_without_a_known_reason_is_refused()
    {
        var sku = await host.Owner().RegisterAsync($"AR-{Guid.NewGuid():N}"[..16]);

        var problem = await (await host.Manager().PostAsJsonAsync("api/inventory/branches/main/adjustments",
            new { sku, delta = -1, reason = "because" })).ProblemAsync(400);

        problem.FieldErrors("reason").ShouldHaveSingleItem().ShouldContain("damage");
    }

    [Fact]
    public async Task A_request_without_a_token_is_401_problem_details()
    {
        var response = await host.Service.Anonymous().GetAsync("api/inventory/branches/main/stock");

        await response.ProblemAsync(401);
    }

    [Fact]
    public async Task A_clerk_adjusting_stock_is_403_naming_the_roles_that_may()
    {
        var sku = await host.Owner().RegisterAsync($"CA-{Guid.NewGuid():N}"[..16]);

        var problem = await (await host.Clerk().PostAsJsonAsync("api/inventory/branches/main/adjustments",
            new { sku, delta = 5, reason = "found" })).ProblemAsync(403);

        problem.GetProperty("detail").GetString()!.ShouldContain("owner / manager");
    }

    [Fact]
    public async Task A_clerk_registering_a_product_is_403()
    {
        var response = await host.Clerk().PostAsJsonAsync("api/inventory/products",
            new { sku = "CLERK-1", name = "铅笔", category = "笔类", unit = "支", retailPrice = 1m, packSize = 1 });

        await response.ProblemAsync(403);
    }
}
