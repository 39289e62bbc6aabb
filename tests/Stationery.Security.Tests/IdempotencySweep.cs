using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Security.Tests;

/// <summary>
/// Every command route (POST, PUT, PATCH, DELETE) of every OpenAPI document, sent as a phone resends it after a timeout:
/// the same <c>Idempotency-Key</c> and body answer the first answer, replayed (<c>Idempotent-Replayed</c>) without running
/// the command again; the same key with another body is a 422 naming the header. The routes whose double booking the
/// issue found (adjustments, sales, goods receipts against an order, delivery notices, purchase-list adds, chat posts)
/// also count their effect through a GET. A command route without a sample here fails the test: a new route adds one.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class IdempotencySweep(SecurityPlatform platform, ITestOutputHelper output)
{
    /// <summary>
    /// Routes whose answer holds a secret (a temporary password, a session's tokens): applied once, the answer never kept, so
    /// the repeat is a 409 <c>answer-not-kept</c> (replayed) instead of the first answer.
    /// </summary>
    private static readonly string[] SecretAnswers =
        ["POST /api/identity/me/password", "POST /api/identity/staff/{id}/password-reset", "POST /api/identity/imports/staff"];

    /// <summary>One ready-to-send command: who sends it, where, the body (twice the same), another body, and its effect count.</summary>
    private sealed record Sample(GatewayClient Client, string Path, Func<HttpContent?> Body, Func<HttpContent?> OtherBody,
        Func<Task<int>>? Effect = null, int Step = 1);

    [Fact]
    public async Task Every_command_route_sent_twice_with_one_key_answers_the_first_answer_with_one_effect_and_another_body_is_a_422()
    {
        var commands = platform.Routes.Operations.Where(op => op.Method != "GET").ToList();
        commands.Count.ShouldBeGreaterThan(30, "the OpenAPI documents list the command routes");
        var samples = Samples();
        var failures = new List<string>();
        var counted = 0;
        foreach (var op in commands)
        {
            // Anonymous routes (log in, sign up, refresh a session) have no chain to keep an answer under: logging in twice
            // gives two sessions, signing up twice is a 409, a refresh token is single use.
            if (op.Permission.Anonymous) continue;
            if (!samples.TryGetValue(op.Route, out var make))
            {
                failures.Add($"{op}: no sample request in IdempotencySweep.Samples (add a valid request for it)");
                continue;
            }
            Sample sample;
            try { sample = await make(); }
            catch (Exception e) { failures.Add($"{op}: setting up the sample failed: {e.Message}"); continue; }

            var key = $"sweep-{Guid.NewGuid():N}";
            var before = sample.Effect is null ? 0 : await sample.Effect();
            var first = await SendAsync(op, sample, sample.Body(), key);
            var second = await SendAsync(op, sample, sample.Body(), key);
            var other = await SendAsync(op, sample, sample.OtherBody(), key);
            output.WriteLine($"{op}: {first.Status} / {second.Status} replayed={second.Replayed} / {other.Status}");

            if (first.Status is < 200 or >= 300) { failures.Add($"{op}: the sample is not a valid request: {first}"); continue; }
            if (first.Replayed) failures.Add($"{op}: the first send was marked as a replay");
            if (SecretAnswers.Contains(op.Route))
            {
                if (second.Status != 409 || !second.Body.Contains("answer-not-kept", StringComparison.Ordinal) || second.Body.Contains(first.Body, StringComparison.Ordinal))
                    failures.Add($"{op}: the repeat of a command whose answer holds a secret should be a 409 answer-not-kept without the secret: {second}");
            }
            else if (second.Status != first.Status || second.Body != first.Body)
                failures.Add($"{op}: the repeat answered differently:\n  first  {first}\n  repeat {second}");
            if (!second.Replayed) failures.Add($"{op}: the repeat ran the command again (no Idempotent-Replayed): {second}");
            if (other.Status != 422 || !other.Body.Contains("Idempotency-Key", StringComparison.Ordinal))
                failures.Add($"{op}: the same key with another body should be a 422 naming Idempotency-Key: {other}");
            if (sample.Effect is not null)
            {
                counted++;
                var after = await sample.Effect();
                if (after != before + sample.Step) failures.Add($"{op}: one command should change its count by {sample.Step}, it changed by {after - before}");
            }
        }
        counted.ShouldBeGreaterThanOrEqualTo(6, "the named double bookings are counted");
        failures.ShouldHaveNoFailures("Idempotency-Key violations");
    }

    private sealed record Sent(int Status, string Body, bool Replayed)
    {
        public override string ToString() => $"{Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }

    private static async Task<Sent> SendAsync(ApiOperation op, Sample sample, HttpContent? body, string key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), sample.Path) { Content = body };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await sample.Client.Http.SendAsync(request);
        return new Sent((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
    }

    private static Func<HttpContent?> Json(object body) => () => JsonContent.Create(body);

    private static Func<HttpContent?> Empty => () => null;

    private Dictionary<string, Func<Task<Sample>>> Samples()
    {
        var a = platform.A;
        var owner = platform.Owner;
        var supplier = platform.Supplier;
        var sku = a.Sku;
        string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

        async Task<string> PlaceOrderAsync() => (await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-orders",
            new { supplierId = SecurityPlatform.SupplierId, lines = new[] { new { sku, quantity = 5 } } }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        async Task<string> ListItemAsync() => (await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/purchasing/branches/main/purchase-list",
            new { sku, quantity = 2 }), HttpStatusCode.Created)).GetProperty("itemId").GetString()!;
        async Task<string> StaffAsync() => await platform.AddStaffAsync(Unique("idem"), "幂等测试", ["clerk"], ["main"]);
        async Task<string> GroupAsync() => (await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/chat/channels",
            new { kind = "group", name = Unique("幂等"), members = new[] { a.ManagerId } }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        async Task<string> MessageAsync() => (await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync($"api/chat/channels/{a.ChannelId}/messages",
            new { clientMessageId = Guid.NewGuid().ToString("N"), text = "幂等测试消息" }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        async Task<int> LedgerAsync(string kind) => (await owner.GetJsonAsync($"api/inventory/branches/main/stock/{sku}")).GetProperty("ledger")
            .EnumerateArray().Count(e => e.GetProperty("kind").GetString() == kind);
        async Task<int> ListQuantityAsync() => Items(await owner.GetJsonAsync("api/purchasing/branches/main/purchase-list"))
            .Where(i => i.GetProperty("sku").GetString() == sku).Sum(i => i.GetProperty("quantity").GetInt32());
        async Task<(string Id, string Sku)> StocktakeAsync()
        {
            var fresh = Unique("STK").ToUpperInvariant();
            await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/products",
                new { sku = fresh, name = "盘点幂等", category = a.Category, unit = "个" }), HttpStatusCode.Created);
            var id = (await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/branches/main/stocktakes", new
            {
                kind = "cycle", zones = new[] { new { name = "幂等区", skus = new[] { fresh }, counters = new[] { new { userId = "u-idem", name = "幂等" } } } },
            }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
            return (id, fresh);
        }
        async Task<int> CountLinesAsync(string id) => (await owner.GetJsonAsync($"api/inventory/branches/main/stocktakes/{id}")).GetProperty("lines")
            .EnumerateArray().Sum(l => l.GetProperty("counts").GetArrayLength());
        Func<Task<int>> Timeline(string order, string kind) => async () => (await owner.GetJsonAsync($"api/purchasing/purchase-orders/{order}"))
            .GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == kind);

        return new()
        {
            ["POST /api/identity/staff"] = async () => new(owner, "api/identity/staff",
                Json(new { username = Unique("idem"), displayName = "幂等", password = SecurityPlatform.Password, roles = new[] { "clerk" }, branches = new[] { "main" } }),
                Json(new { username = Unique("idem"), displayName = "另一个", password = SecurityPlatform.Password, roles = new[] { "clerk" }, branches = new[] { "main" } })),
            ["PUT /api/identity/staff/{id}"] = async () => new(owner, $"api/identity/staff/{await StaffAsync()}",
                Json(new { roles = new[] { "manager" }, branches = new[] { "main" } }), Json(new { roles = new[] { "clerk" }, branches = new[] { "main" } })),
            ["POST /api/identity/staff/{id}/disable"] = async () => new(owner, $"api/identity/staff/{await StaffAsync()}/disable", Json(new { }),
                Json(new { reason = "另一个" })),
            ["POST /api/identity/supplier-contacts"] = async () => new(owner, "api/identity/supplier-contacts",
                Json(new { supplierId = SecurityPlatform.SupplierId, username = Unique("idem-s"), displayName = "幂等供应商", password = SecurityPlatform.Password }),
                Json(new { supplierId = SecurityPlatform.SupplierId, username = Unique("idem-s"), displayName = "另一个", password = SecurityPlatform.Password })),
            ["POST /api/identity/branches"] = async () => new(platform.OwnerB, "api/identity/branches",
                Json(new { code = Unique("b").ToLowerInvariant(), name = "幂等店", timeZone = "Asia/Shanghai" }),
                Json(new { code = Unique("c").ToLowerInvariant(), name = "另一店", timeZone = "Asia/Shanghai" })),
            ["PUT /api/identity/branches/{code}"] = async () =>
            {
                // A branch of its own, so renaming it changes nothing another test reads.
                var code = Unique("s").ToLowerInvariant();
                (await platform.OwnerB.Http.PostAsJsonAsync("api/identity/branches", new { code, name = "设置店", timeZone = "Asia/Shanghai" }))
                    .EnsureSuccessStatusCode();
                return new(platform.OwnerB, $"api/identity/branches/{code}", Json(new { name = "改名店", timeZone = "Asia/Shanghai", closingTime = "20:30" }),
                    Json(new { name = "另一名", timeZone = "Asia/Urumqi", closingTime = "21:00" }));
            },
            ["POST /api/identity/staff/{id}/password-reset"] = async () => new(owner, $"api/identity/staff/{await StaffAsync()}/password-reset",
                Json(new { }), Json(new { other = 1 })),
            ["POST /api/identity/me/password"] = async () =>
            {
                var username = Unique("idem-pw");
                await platform.AddStaffAsync(username, "改密码", ["clerk"], ["main"]);
                var self = await GatewayClient.LoginAsync(platform.Gateway, username);
                return new(self, "api/identity/me/password",
                    Json(new { currentPassword = SecurityPlatform.Password, newPassword = "a-new-password-1" }),
                    Json(new { currentPassword = SecurityPlatform.Password, newPassword = "another-password-2" }));
            },

            ["POST /api/inventory/products"] = async () => new(owner, "api/inventory/products",
                Json(new { sku = Unique("IDEM").ToUpperInvariant(), name = "幂等商品", spec = "", brand = "", category = a.Category, unit = "支", retailPrice = 2m, packSize = 1 }),
                Json(new { sku = Unique("IDEM").ToUpperInvariant(), name = "另一商品", spec = "", brand = "", category = a.Category, unit = "支", retailPrice = 2m, packSize = 1 })),
            ["PUT /api/inventory/products/{sku}"] = async () => new(owner, $"api/inventory/products/{sku}",
                Json(new { name = a.ProductName, spec = "黄色", brand = "晨光", category = a.Category, unit = "支", retailPrice = 3.6m, packSize = 10 }),
                Json(new { name = a.ProductName, spec = "黄色", brand = "晨光", category = a.Category, unit = "支", retailPrice = 3.7m, packSize = 10 })),
            ["POST /api/inventory/products/{sku}/discontinue"] = async () =>
            {
                var fresh = Unique("IDEMD").ToUpperInvariant();
                await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/products", new
                {
                    sku = fresh, name = "停售商品", spec = "", brand = "", category = a.Category, unit = "支", retailPrice = 1m, packSize = 1,
                }), HttpStatusCode.Created);
                return new(owner, $"api/inventory/products/{fresh}/discontinue", Json(new { reason = "停产" }), Json(new { reason = "另一个" }));
            },
            ["POST /api/inventory/imports/products/preview"] = async () => new(owner, "api/inventory/imports/products/preview",
                Sheet($"sku,name,category,unit\n{Unique("IMP")},幂等导入,文具,个"), Sheet($"sku,name,category,unit\n{Unique("IMP")},另一个,文具,个")),
            ["POST /api/inventory/imports/products"] = async () =>
            {
                var fresh = Unique("IMP");
                return new(owner, "api/inventory/imports/products", Sheet($"sku,name,category,unit\n{fresh},幂等导入,文具,个"),
                    Sheet($"sku,name,category,unit\n{fresh},另一个名字,文具,个"),
                    async () => (await owner.GetJsonAsync("api/inventory/products?search=幂等导入")).GetArrayLength());
            },
            ["POST /api/inventory/branches/{branch}/imports/opening-stock/preview"] = async () => new(owner,
                "api/inventory/branches/main/imports/opening-stock/preview", Sheet($"sku,count\n{sku},7"), Sheet($"sku,count\n{sku},8")),
            ["POST /api/inventory/branches/{branch}/imports/opening-stock"] = async () =>
            {
                var fresh = Unique("IMS");
                await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/products",
                    new { sku = fresh, name = "期初幂等", category = "文具", unit = "个" }), HttpStatusCode.Created);
                return new(owner, "api/inventory/branches/main/imports/opening-stock", Sheet($"sku,count\n{fresh},7"), Sheet($"sku,count\n{fresh},8"));
            },
            ["POST /api/identity/imports/staff/preview"] = async () => new(owner, "api/identity/imports/staff/preview",
                Sheet($"username,name,roles,branches\n{Unique("imp")},导入预览,店员,main"), Sheet($"username,name,roles,branches\n{Unique("imp")},另一个,店员,main")),
            ["POST /api/identity/imports/staff"] = async () =>
            {
                var fresh = Unique("imp");
                return new(owner, "api/identity/imports/staff", Sheet($"username,name,roles,branches\n{fresh},幂等导入员工,店员,main"),
                    Sheet($"username,name,roles,branches\n{fresh},另一个名字,店员,main"),
                    async () => (await owner.GetJsonAsync($"api/identity/staff?limit=1&after={fresh[..^1]}")).EnumerateArray()
                        .Count(m => m.GetProperty("username").GetString() == fresh));
            },
            ["POST /api/purchasing/suppliers/{supplierId}/imports/quotes/preview"] = async () => new(owner,
                $"api/purchasing/suppliers/{SecurityPlatform.SupplierId}/imports/quotes/preview",
                Sheet($"sku,unitCost,validUntil\n{sku},1.5,{ValidUntil()}"), Sheet($"sku,unitCost,validUntil\n{sku},1.6,{ValidUntil()}")),
            ["POST /api/purchasing/suppliers/{supplierId}/imports/quotes"] = async () =>
            {
                // A product of its own, so the demo product's quote stays as other sweeps expect it.
                var fresh = Unique("IMQ").ToUpperInvariant();
                await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/products",
                    new { sku = fresh, name = "报价幂等", category = "文具", unit = "个" }), HttpStatusCode.Created);
                var path = $"api/purchasing/suppliers/{SecurityPlatform.SupplierId}/imports/quotes";
                await Probe.Until(async () =>
                {
                    using var preview = await owner.Http.PostAsync(path + "/preview", Sheet($"sku,unitCost,validUntil\n{fresh},1.5,{ValidUntil()}")()!);
                    return await preview.Content.ReadAsStringAsync();
                }, body => body.Contains("\"verdict\":\"new\"", StringComparison.Ordinal), Probe.CrossService, "Purchasing's copy of the new product");
                return new(owner, path, Sheet($"sku,unitCost,validUntil\n{fresh},1.5,{ValidUntil()}"), Sheet($"sku,unitCost,validUntil\n{fresh},1.6,{ValidUntil()}"),
                    async () => (await owner.GetJsonAsync($"api/purchasing/quotes?sku={fresh}")).GetArrayLength());
            },
            ["POST /api/inventory/branches/{branch}/sales"] = async () => new(owner, "api/inventory/branches/main/sales",
                Json(new { reference = Unique("IDEM-S"), lines = new[] { new { sku, quantity = 1 } } }),
                Json(new { reference = Unique("IDEM-S"), lines = new[] { new { sku, quantity = 1 } } }), () => LedgerAsync("sold")),
            ["POST /api/inventory/branches/{branch}/receipts"] = async () => new(owner, "api/inventory/branches/main/receipts",
                Json(new { reference = Unique("IDEM-R"), lines = new[] { new { sku, quantity = 3 } } }),
                Json(new { reference = Unique("IDEM-R"), lines = new[] { new { sku, quantity = 3 } } }), () => LedgerAsync("received")),
            ["POST /api/inventory/branches/{branch}/adjustments"] = async () => new(owner, "api/inventory/branches/main/adjustments",
                Json(new { sku, delta = 1, reason = "correction", note = "幂等" }), Json(new { sku, delta = 2, reason = "correction" }),
                () => LedgerAsync("adjusted")),
            ["POST /api/inventory/branches/{branch}/returns"] = async () => new(owner, "api/inventory/branches/main/returns",
                Json(new { reference = Unique("IDEM-T"), supplierId = SecurityPlatform.SupplierId, reason = "damaged", lines = new[] { new { sku, quantity = 1 } } }),
                Json(new { reference = Unique("IDEM-T"), supplierId = SecurityPlatform.SupplierId, reason = "damaged", lines = new[] { new { sku, quantity = 1 } } })),
            ["PUT /api/inventory/branches/{branch}/products/{sku}/policy"] = async () => new(owner, $"api/inventory/branches/main/products/{sku}/policy",
                Json(new { reorderPoint = 2, maxLevel = 50 }), Json(new { reorderPoint = 3, maxLevel = 50 })),
            ["PUT /api/inventory/categories/{category}/policy"] = async () => new(owner, $"api/inventory/categories/{Uri.EscapeDataString(a.Category)}/policy",
                Json(new { leadTimeDays = 3, coverDays = 14 }), Json(new { leadTimeDays = 4, coverDays = 14 })),
            ["POST /api/inventory/branches/{branch}/transfers"] = async () => new(owner, "api/inventory/branches/main/transfers",
                Json(new { toBranch = "east", lines = new[] { new { sku, quantity = 1 } }, note = "幂等" }),
                Json(new { toBranch = "east", lines = new[] { new { sku, quantity = 1 } }, note = "另一个" })),
            ["POST /api/inventory/branches/{branch}/transfers/{id}/receive"] = async () =>
            {
                var transfer = (await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/branches/main/transfers",
                    new { toBranch = "east", lines = new[] { new { sku, quantity = 1 } } }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
                return new(owner, $"api/inventory/branches/east/transfers/{transfer}/receive", Empty, Json(new { other = 1 }));
            },

            ["POST /api/inventory/branches/{branch}/stocktakes"] = async () =>
            {
                var (first, second) = (Unique("STO").ToUpperInvariant(), Unique("STO").ToUpperInvariant());
                foreach (var fresh in new[] { first, second })
                    await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync("api/inventory/products",
                        new { sku = fresh, name = "开盘幂等", category = a.Category, unit = "个" }), HttpStatusCode.Created);
                object Open(string fresh) => new { kind = "cycle", zones = new[] { new { name = "幂等区", skus = new[] { fresh }, counters = new[] { new { userId = "u-idem", name = "幂等" } } } } };
                return new(owner, "api/inventory/branches/main/stocktakes", Json(Open(first)), Json(Open(second)));
            },
            ["POST /api/inventory/branches/{branch}/stocktakes/{id}/zones/{zone}/start"] = async () =>
                new(owner, $"api/inventory/branches/main/stocktakes/{(await StocktakeAsync()).Id}/zones/z1/start", Empty, Json(new { other = 1 })),
            ["POST /api/inventory/branches/{branch}/stocktakes/{id}/zones/{zone}/counts"] = async () =>
            {
                var (id, fresh) = await StocktakeAsync();
                return new(owner, $"api/inventory/branches/main/stocktakes/{id}/zones/z1/counts",
                    Json(new { countId = Unique("c"), sku = fresh, quantity = 3 }), Json(new { countId = Unique("c"), sku = fresh, quantity = 4 }),
                    () => CountLinesAsync(id));
            },
            ["POST /api/inventory/branches/{branch}/stocktakes/{id}/zones/{zone}/finish"] = async () =>
                new(owner, $"api/inventory/branches/main/stocktakes/{(await StocktakeAsync()).Id}/zones/z1/finish", Empty, Json(new { other = 1 })),
            ["POST /api/inventory/branches/{branch}/stocktakes/{id}/variances/{sku}/explanation"] = async () =>
            {
                var (id, fresh) = await StocktakeAsync();
                await SecurityPlatform.Expect(owner.Http.PostAsJsonAsync($"api/inventory/branches/main/stocktakes/{id}/zones/z1/counts",
                    new { countId = Unique("c"), sku = fresh, quantity = 2 }), HttpStatusCode.OK);
                await SecurityPlatform.Expect(owner.Http.PostAsync($"api/inventory/branches/main/stocktakes/{id}/zones/z1/finish", null), HttpStatusCode.OK);
                return new(owner, $"api/inventory/branches/main/stocktakes/{id}/variances/{fresh}/explanation",
                    Json(new { reason = "other", note = "幂等" }), Json(new { reason = "loss" }));
            },
            ["POST /api/inventory/branches/{branch}/stocktakes/{id}/complete"] = async () =>
            {
                var (id, _) = await StocktakeAsync();
                await SecurityPlatform.Expect(owner.Http.PostAsync($"api/inventory/branches/main/stocktakes/{id}/zones/z1/finish", null), HttpStatusCode.OK);
                return new(owner, $"api/inventory/branches/main/stocktakes/{id}/complete", Empty, Json(new { other = 1 }));
            },
            ["POST /api/inventory/branches/{branch}/stocktakes/{id}/cancel"] = async () =>
                new(owner, $"api/inventory/branches/main/stocktakes/{(await StocktakeAsync()).Id}/cancel", Empty, Json(new { other = 1 })),
            ["PUT /api/inventory/categories/{category}/stocktake-settings"] = async () => new(owner,
                $"api/inventory/categories/{Uri.EscapeDataString(a.Category)}/stocktake-settings",
                Json(new { countEveryDays = 14, thresholdUnits = 3 }), Json(new { countEveryDays = 7, thresholdUnits = 3 })),

            ["POST /api/purchasing/suppliers"] = async () => new(owner, "api/purchasing/suppliers",
                Json(new { name = Unique("幂等供应商"), leadTimeDays = 3 }), Json(new { name = Unique("另一供应商"), leadTimeDays = 3 })),
            ["POST /api/purchasing/suppliers/{supplierId}/quotes"] = async () => new(owner, $"api/purchasing/suppliers/{SecurityPlatform.SupplierId}/quotes",
                Json(new { sku, unitCost = 1.23m, minOrderQty = 1, validUntil = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") }),
                Json(new { sku, unitCost = 1.24m, minOrderQty = 1, validUntil = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") })),
            ["POST /api/purchasing/branches/{branch}/purchase-list"] = async () => new(owner, "api/purchasing/branches/main/purchase-list",
                Json(new { sku, quantity = 2, note = "幂等" }), Json(new { sku, quantity = 4 }), ListQuantityAsync, Step: 2),
            ["PATCH /api/purchasing/branches/{branch}/purchase-list/items/{itemId}"] = async () => new(owner,
                $"api/purchasing/branches/main/purchase-list/items/{await ListItemAsync()}", Json(new { quantity = 6 }), Json(new { quantity = 7 })),
            ["DELETE /api/purchasing/branches/{branch}/purchase-list/items/{itemId}"] = async () => new(owner,
                $"api/purchasing/branches/main/purchase-list/items/{await ListItemAsync()}", Empty, Json(new { other = 1 })),
            ["POST /api/purchasing/branches/{branch}/purchase-orders"] = async () => new(owner, "api/purchasing/branches/main/purchase-orders",
                Json(new { supplierId = SecurityPlatform.SupplierId, lines = new[] { new { sku, quantity = 5 } } }),
                Json(new { supplierId = SecurityPlatform.SupplierId, lines = new[] { new { sku, quantity = 6 } } })),
            ["POST /api/purchasing/purchase-orders/{id}/cancel"] = async () => new(owner, $"api/purchasing/purchase-orders/{await PlaceOrderAsync()}/cancel",
                Json(new { reason = "幂等" }), Json(new { reason = "另一个" })),
            ["POST /api/purchasing/purchase-orders/{id}/confirm"] = async () => new(supplier, $"api/purchasing/purchase-orders/{await PlaceOrderAsync()}/confirm",
                Json(new { }), Json(new { lines = new[] { new { sku, quantity = 4 } } })),
            ["POST /api/purchasing/purchase-orders/{id}/receipts"] = async () =>
            {
                var order = await PlaceOrderAsync();
                return new(owner, $"api/purchasing/purchase-orders/{order}/receipts", Json(new { lines = new[] { new { sku, quantity = 1 } } }),
                    Json(new { lines = new[] { new { sku, quantity = 2 } } }), Timeline(order, "goods-received"));
            },
            ["POST /api/purchasing/purchase-orders/{id}/delivery-notices"] = async () =>
            {
                var order = await PlaceOrderAsync();
                var on = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
                return new(supplier, $"api/purchasing/purchase-orders/{order}/delivery-notices", Json(new { expectedOn = on, note = "幂等" }),
                    Json(new { expectedOn = on, note = "另一个" }), Timeline(order, "delivery-announced"));
            },

            ["POST /api/chat/channels/{channelId}/messages"] = async () =>
            {
                var text = $"幂等消息 {Guid.NewGuid():N}";
                return new(owner, $"api/chat/channels/{a.ChannelId}/messages", Json(new { clientMessageId = Guid.NewGuid().ToString("N"), text }),
                    Json(new { clientMessageId = Guid.NewGuid().ToString("N"), text = text + " 改" }),
                    async () => (await owner.GetJsonAsync($"api/chat/search?q={Uri.EscapeDataString(text)}")).GetProperty("items").GetArrayLength());
            },
            ["POST /api/chat/channels"] = async () => new(owner, "api/chat/channels",
                Json(new { kind = "group", name = Unique("幂等群"), members = new[] { a.ManagerId } }),
                Json(new { kind = "group", name = Unique("另一群"), members = new[] { a.ManagerId } })),
            ["PUT /api/chat/channels/{channelId}"] = async () => new(owner, $"api/chat/channels/{await GroupAsync()}",
                Json(new { purpose = "幂等" }), Json(new { purpose = "另一个" })),
            ["POST /api/chat/channels/{channelId}/members"] = async () => new(owner, $"api/chat/channels/{await GroupAsync()}/members",
                Json(new { members = new[] { platform.Clerk.User.GetProperty("id").GetString() } }), Json(new { members = new[] { a.OwnerId } })),
            ["DELETE /api/chat/channels/{channelId}/members/{userId}"] = async () => new(owner,
                $"api/chat/channels/{await GroupAsync()}/members/{a.OwnerId}", Empty, Json(new { other = 1 })),
            ["PUT /api/chat/channels/{channelId}/notifications"] = async () => new(owner, $"api/chat/channels/{a.ChannelId}/notifications",
                Json(new { level = "mentions" }), Json(new { level = "all" })),
            ["POST /api/chat/channels/{channelId}/read"] = async () => new(owner, $"api/chat/channels/{a.ChannelId}/read",
                Json(new { seq = 1 }), Json(new { seq = 2 })),
            ["PUT /api/chat/channels/{channelId}/messages/{messageId}"] = async () => new(owner,
                $"api/chat/channels/{a.ChannelId}/messages/{await MessageAsync()}", Json(new { text = "改过的幂等消息" }), Json(new { text = "另一个" })),
            ["DELETE /api/chat/channels/{channelId}/messages/{messageId}"] = async () => new(owner,
                $"api/chat/channels/{a.ChannelId}/messages/{await MessageAsync()}", Empty, Json(new { other = 1 })),
            ["POST /api/chat/messages/{messageId}/actions/{actionId}"] = async () =>
            {
                var (card, action) = await OpenCardAsync();
                return new(owner, $"api/chat/messages/{card}/actions/{action}", Empty,
                    Json(new { expectedBy = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd") }));
            },
            ["POST /api/chat/attachments"] = async () => new(owner, "api/chat/attachments", () => Png("a.png"), () => Png("b.png")),
        };
    }

    private static string ValidUntil() => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd");

    /// <summary>An import's spreadsheet as a CSV upload (multipart field 'file').</summary>
    private static Func<HttpContent?> Sheet(string csv) => () =>
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "import.csv" } };
    };

    private static HttpContent Png(string name)
    {
        var form = new MultipartFormDataContent();
        var png = new ByteArrayContent(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        png.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(png, "file", name);
        return form;
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : list.GetProperty("items").EnumerateArray();

    /// <summary>An open card of the seeded history with a button the owner may press (a stock alert's 加入采购清单, say).</summary>
    private async Task<(string Card, string Action)> OpenCardAsync()
    {
        foreach (var channel in (await platform.Owner.GetJsonAsync("api/chat/channels")).EnumerateArray())
        {
            var id = channel.GetProperty("id").GetString()!;
            var page = await platform.Owner.GetJsonAsync($"api/chat/channels/{id}/messages?after=0&limit=200");
            foreach (var m in Items(page))
                if (m.TryGetProperty("card", out var card) && card.ValueKind == JsonValueKind.Object
                    && card.TryGetProperty("status", out var status) && status.GetString() == "open"
                    && card.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array
                    && actions.EnumerateArray().Select(x => x.GetProperty("id").GetString()).FirstOrDefault(x => x == "add-to-purchase-list") is { } action)
                    return (m.GetProperty("id").GetString()!, action);
        }
        throw new InvalidOperationException("no open card with an add-to-purchase-list button in the demo chain's channels");
    }
}
