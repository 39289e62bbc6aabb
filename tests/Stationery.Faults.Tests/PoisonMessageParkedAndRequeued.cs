using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shouldly;
using Stationery.Contracts.Identity;
using Stationery.Testing;
using Xunit.Abstractions;

namespace Stationery.Faults.Tests;

/// <summary>
/// F5 (poison message): a message no retry can apply is parked after its short retries — once, in its own queue's
/// <c>_error</c> queue — the service's <c>/health/ready</c> turns Degraded with the count, the messages after it keep
/// flowing, and <c>./stationery requeue &lt;queue&gt;</c> moves it back to be consumed again (still poison, so parked again).
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PoisonMessageParkedAndRequeued(FaultPlatform faults, ITestOutputHelper output)
{
    [FaultFact]
    public async Task F5_无法处理的消息只搁置一次_健康检查显示数量_requeue后重新投递()
    {
        var platform = faults.Platform;
        var chain = $"poison-{Guid.NewGuid():N}"[..15];
        await using var integrator = await IntegratorBus.StartAsync(platform.Servers);
        var failuresBefore = Failures(platform.Logs("Chat"));

        // Roles missing (null on the wire): Chat's directory cannot record the account, on any retry.
        await integrator.Publish(new StaffMemberAdded(chain, "broken", "broken", "坏数据", null!, ["north"], null, DateTimeOffset.UtcNow));
        var parked = await Probe.Until(faults.ParkedAsync, p => p.Count > 0, Probe.CrossService, "the poison message parked");
        var queue = parked.Keys.Single();
        queue.ShouldEndWith("staff-member-added_error");
        // The ones after it keep flowing: a good account of the same chain is consumed, nothing else parked.
        await integrator.Publish(new StaffMemberAdded(chain, "good", "good", "好数据", ["clerk"], ["north"], null, DateTimeOffset.UtcNow));
        await faults.WaitQuietAsync();
        (await faults.ParkedAsync()).ShouldBe(new Dictionary<string, long> { [queue] = 1 });

        var health = await ReadyAsync(platform.Service("chat"));
        health.status.ShouldBe(HttpStatusCode.OK, "a parked message degrades readiness, it does not fail it");
        var messaging = health.body.GetProperty("checks").GetProperty("messaging");
        messaging.GetProperty("status").GetString().ShouldBe("Degraded");
        messaging.GetProperty("data").GetProperty("parked").GetInt64().ShouldBe(1);
        messaging.GetProperty("description").GetString()!.ShouldContain(queue);
        Failures(platform.Logs("Chat")).ShouldBe(failuresBefore + 1, "parked once, after the last retry");

        var requeue = await RequeueAsync(queue, platform.Servers);
        requeue.ShouldContain($"{queue}: 1 messages moved back");
        // Consumed again: still poison, so it fails its retries once more and is parked again.
        await Probe.Until(() => Task.FromResult(Failures(platform.Logs("Chat"))), n => n == failuresBefore + 2, Probe.CrossService,
            "the requeued message consumed (and parked) again");
        (await Probe.Until(faults.ParkedAsync, p => p.Values.Sum() == 1, Probe.CrossService, "parked again")).Keys.ShouldBe([queue]);
        var line = $"F5 poison message: parked 1 in {queue}, /health/ready Degraded (parked 1), requeued 1 and parked again after its retries";
        output.WriteLine(line);
        Console.WriteLine($"[faults] {line}");

        await PurgeAsync(platform.Servers, queue); // the other faults count parked messages
    }

    private static int Failures(string log) => log.Split("of type StaffMemberAdded failed").Length - 1;

    private static async Task<(HttpStatusCode status, JsonElement body)> ReadyAsync(Uri service)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(service, "health/ready"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<string> RequeueAsync(string queue, IsolatedServers servers)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(PlatformProcesses.RepositoryRoot(), "stationery"), "requeue", queue, "--vhost", servers.Id])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["STATIONERY_RABBITMQ_MANAGEMENT"] = servers.Servers.RabbitManagement;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        var text = await stdout + await stderr;
        process.ExitCode.ShouldBe(0, text);
        return text;
    }

    private static async Task PurgeAsync(IsolatedServers servers, string queue)
    {
        var management = new Uri(servers.Servers.RabbitManagement);
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo is "" ? "guest:guest" : management.UserInfo))));
        (await http.DeleteAsync($"api/queues/{Uri.EscapeDataString(servers.Id)}/{Uri.EscapeDataString(queue)}/contents")).EnsureSuccessStatusCode();
    }
}
