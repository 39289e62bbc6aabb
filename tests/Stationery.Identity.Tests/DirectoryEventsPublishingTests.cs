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
