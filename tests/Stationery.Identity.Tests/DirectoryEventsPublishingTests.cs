using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using RabbitMQ.Client;
using Stationery.Identity.Chains;
using Stationery.Identity.Staff;
using Stationery.Testing;

namespace Stationery.Identity.Tests;

/// <summary>Directory events reach RabbitMQ on their public exchanges, with MessageId = the Marten event id.</summary>
public class DirectoryEventsPublishingTests(IdentityHost host) : IClassFixture<IdentityHost>
{
    [Fact]
    public async Task Opening_a_branch_and_adding_a_clerk_publish_BranchOpened_and_StaffMemberAdded()
    {
        var factory = new ConnectionFactory { Uri = new Uri(host.Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var branchOpened = await BindAsync(channel, "stationery.identity.branch-opened");
        var staffAdded = await BindAsync(channel, "stationery.identity.staff-member-added");

        var chain = $"pub-{Guid.NewGuid():N}"[..16];
        var owner = await host.SignUpAsync(chain);
        (await host.As(owner).PostAsJsonAsync("/api/identity/branches", new { code = "main", name = "总店", timeZone = "Asia/Shanghai" }))
            .EnsureSuccessStatusCode();
        (await host.As(owner).PostAsJsonAsync("/api/identity/staff",
            new { username = "clerk", displayName = "小李", password = IdentityHost.Password, roles = new[] { "clerk" }, branches = new[] { "main" } }))
            .EnsureSuccessStatusCode();

        var store = host.Service.Service<IDocumentStore>();
        await using var session = store.QuerySession(chain);
        var branchEvent = (await session.Events.FetchStreamAsync(Chain.StreamId)).Single(e => e.Data is BranchAdded);
        var clerk = await session.Query<UserAccount>().SingleAsync(a => a.Username == "clerk");
        var clerkEvent = (await session.Events.FetchStreamAsync(clerk.Id)).Single(e => e.Data is UserEnrolled);

        var opened = await ProbeForAsync(channel, branchOpened, branchEvent.Id);
        opened.GetProperty("tenantId").GetString().ShouldBe(chain);
        opened.GetProperty("branchId").GetString().ShouldBe("main");
        opened.GetProperty("name").GetString().ShouldBe("总店");
        opened.GetProperty("timeZone").GetString().ShouldBe("Asia/Shanghai");

        var added = await ProbeForAsync(channel, staffAdded, clerkEvent.Id);
        added.GetProperty("userId").GetString().ShouldBe(clerk.Id);
        added.GetProperty("displayName").GetString().ShouldBe("小李");
        added.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["clerk"]);
        added.GetProperty("branches").EnumerateArray().Select(r => r.GetString()).ShouldBe(["main"]);
    }

    [Fact]
    public async Task Changing_roles_and_disabling_publish_StaffRolesChanged_and_StaffMemberDisabled()
    {
        var factory = new ConnectionFactory { Uri = new Uri(host.Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var rolesChanged = await BindAsync(channel, "stationery.identity.staff-roles-changed");
        var disabled = await BindAsync(channel, "stationery.identity.staff-member-disabled");

        var chain = $"pub-{Guid.NewGuid():N}"[..16];
        var owner = await host.SignUpAsync(chain);
        (await host.As(owner).PostAsJsonAsync("/api/identity/branches", new { code = "main", name = "总店", timeZone = "Asia/Shanghai" }))
            .EnsureSuccessStatusCode();
        var created = await host.As(owner).PostAsJsonAsync("/api/identity/staff",
            new { username = "clerk", displayName = "小李", password = IdentityHost.Password, roles = new[] { "clerk" }, branches = new[] { "main" } });
        var clerkId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await host.As(owner).PutAsJsonAsync($"/api/identity/staff/{clerkId}", new { roles = new[] { "manager" }, branches = new[] { "main" } }))
            .EnsureSuccessStatusCode();
        (await host.As(owner).PostAsync($"/api/identity/staff/{clerkId}/disable", null)).EnsureSuccessStatusCode();

        await using var session = host.Service.Service<IDocumentStore>().QuerySession(chain);
        var events = await session.Events.FetchStreamAsync(clerkId);
        var changed = await ProbeForAsync(channel, rolesChanged, events.Single(e => e.Data is UserRolesChanged).Id);
        changed.GetProperty("userId").GetString().ShouldBe(clerkId);
        changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["manager"]);
        var gone = await ProbeForAsync(channel, disabled, events.Single(e => e.Data is UserDisabled).Id);
        gone.GetProperty("userId").GetString().ShouldBe(clerkId);
        gone.GetProperty("tenantId").GetString().ShouldBe(chain);
    }

    /// <summary>A private queue bound to the contract's exchange, declared as MassTransit declares it (durable fanout).</summary>
    [Fact]
    public async Task The_owner_renames_a_branch_and_sets_its_time_zone_and_closing_time_which_BranchSettingsChanged_carries_to_the_other_services()
    {
        var factory = new ConnectionFactory { Uri = new Uri(host.Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var changedQueue = await BindAsync(channel, "stationery.identity.branch-settings-changed");

        var chain = $"set-{Guid.NewGuid():N}"[..16];
        var owner = await host.SignUpAsync(chain);
        (await host.As(owner).PostAsJsonAsync("/api/identity/branches", new { code = "main", name = "总店", timeZone = "Asia/Shanghai" }))
            .EnsureSuccessStatusCode();
        var settings = new { name = "人民路总店", timeZone = "Asia/Urumqi", closingTime = "20:45" };
        using (var changed = await host.As(owner).PutAsJsonAsync("/api/identity/branches/main", settings))
        {
            changed.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
            var body = await changed.Content.ReadFromJsonAsync<JsonElement>();
            (body.GetProperty("name").GetString(), body.GetProperty("timeZone").GetString(), body.GetProperty("closingTime").GetString())
                .ShouldBe(("人民路总店", "Asia/Urumqi", "20:45:00"));
        }
        // The same settings again are no news: no second event.
        (await host.As(owner).PutAsJsonAsync("/api/identity/branches/main", settings)).EnsureSuccessStatusCode();

        var listed = (await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/branches"))!.Single();
        (listed.GetProperty("code").GetString(), listed.GetProperty("name").GetString(), listed.GetProperty("closingTime").GetString())
            .ShouldBe(("main", "人民路总店", "20:45:00"));

        await using var session = host.Service.Service<IDocumentStore>().QuerySession(chain);
        var events = (await session.Events.FetchStreamAsync(Chain.StreamId)).Where(e => e.Data is BranchSettingsChanged).ToList();
        var published = await ProbeForAsync(channel, changedQueue, events.ShouldHaveSingleItem().Id);
        (published.GetProperty("tenantId").GetString(), published.GetProperty("branchId").GetString(), published.GetProperty("name").GetString(),
            published.GetProperty("timeZone").GetString(), published.GetProperty("closingTime").GetString())
            .ShouldBe((chain, "main", "人民路总店", "Asia/Urumqi", "20:45:00"));
    }

    [Fact]
    public async Task Branch_settings_are_for_owners_and_hq_name_the_field_they_break_and_another_chains_branch_is_not_found()
    {
        var chain = $"set-{Guid.NewGuid():N}"[..16];
        var owner = await host.SignUpAsync(chain);
        (await host.As(owner).PostAsJsonAsync("/api/identity/branches", new { code = "main", name = "总店", timeZone = "Asia/Shanghai" }))
            .EnsureSuccessStatusCode();
        (await host.As(owner).PostAsJsonAsync("/api/identity/staff",
            new { username = "clerk", displayName = "小李", password = IdentityHost.Password, roles = new[] { "clerk" }, branches = new[] { "main" } }))
            .EnsureSuccessStatusCode();
        var clerk = await host.LogInAsync(chain, "clerk", IdentityHost.Password);

        using var refused = await host.As(clerk).PutAsJsonAsync("/api/identity/branches/main", new { name = "小李的店", timeZone = "Asia/Shanghai" });
        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("directory.manage");

        using var bad = await host.As(owner).PutAsJsonAsync("/api/identity/branches/main", new { name = " ", timeZone = "Mars/Olympus", closingTime = "25:00" });
        bad.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["closingTime", "name", "timeZone"]);
        errors.GetProperty("closingTime")[0].GetString()!.ShouldContain("HH:mm");

        var other = await host.SignUpAsync($"oth-{Guid.NewGuid():N}"[..16]);
        (await host.As(other).PutAsJsonAsync("/api/identity/branches/main", new { name = "别人的店", timeZone = "Asia/Shanghai" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        var mine = (await host.As(owner).GetFromJsonAsync<JsonElement[]>("/api/identity/branches"))!.Single();
        mine.GetProperty("name").GetString().ShouldBe("总店", "neither the clerk nor another chain changed it");
    }

    private static async Task<string> BindAsync(IChannel channel, string exchange)
    {
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, "");
        return queue.QueueName;
    }

    /// <summary>Reads the queue until the envelope with <paramref name="messageId"/> arrives; returns its message.</summary>
    private static async Task<JsonElement> ProbeForAsync(IChannel channel, string queue, Guid messageId)
    {
        JsonElement? found = null;
        await Probe.Until(async () =>
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                var envelope = JsonDocument.Parse(delivery.Body).RootElement;
                if (envelope.GetProperty("messageId").GetString() is { } id && Guid.Parse(id) == messageId)
                {
                    found = envelope.GetProperty("message").Clone();
                    return true;
                }
            }
            return false;
        }, what: $"message {messageId} on {queue}");
        return found!.Value;
    }
}
