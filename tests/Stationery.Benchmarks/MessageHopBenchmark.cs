using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Stationery.Contracts;
using Stationery.Hosting;
using Stationery.Hosting.Messaging;
using Stationery.Testing;

namespace Stationery.Benchmarks;

/// <summary>Domain event appended by the benchmark.</summary>
public sealed record BenchTicked(int Number);

/// <summary>The integration event the outbox forwarder publishes for each <see cref="BenchTicked"/>.</summary>
[WireName("stationery.bench.ticked")]
public sealed record BenchTickPublished(string TenantId, int Number, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed class BenchEvents : IIntegrationEventMap
{
    public object? Map(IEvent e) => e.Data is BenchTicked t ? new BenchTickPublished(e.TenantId, t.Number, e.Timestamp) : null;
}

public sealed class BenchTickConsumer(IDocumentStore store, Microsoft.Extensions.Logging.ILogger<BenchTickConsumer> log)
    : IdempotentConsumer<BenchTickPublished>(store, log)
{
    public static readonly ConcurrentDictionary<Guid, byte> Seen = new();

    protected override Task Apply(IDocumentSession session, BenchTickPublished message, ConsumeContext<BenchTickPublished> context)
    {
        Seen.TryAdd(context.MessageId!.Value, 0);
        return Task.CompletedTask;
    }
}

/// <summary>
/// B3: the full platform hop (Marten commit → outbox forwarder → MassTransit publish → idempotent consumer with its
/// MessageId insert) against raw RabbitMQ.Client (persistent publish with confirms, 64 in flight → manual-ack consumer).
/// </summary>
internal static class MessageHopBenchmark
{
    private const int Messages = 2000;

    public static async Task RunAsync(int reps)
    {
        await using var servers = await TestServers.IsolateAsync("benchhop");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Postgres"] = servers.Postgres;
        builder.Configuration["ConnectionStrings:RabbitMq"] = servers.RabbitMq;
        builder.Configuration["Jwt:Jwks"] = TestTokens.Jwks;
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddPlatformDefaults("bench", typeof(MessageHopBenchmark).Assembly);
        builder.Services.AddSingleton<IIntegrationEventMap, BenchEvents>();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();

        var factory = new ConnectionFactory { Uri = new Uri(servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var consumerChannel = await connection.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync("raw-bench", durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.BasicQosAsync(0, 64, false);
        var rawSeen = 0;
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref rawSeen);
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await consumerChannel.BasicConsumeAsync("raw-bench", autoAck: false, consumer);
        await using var publishChannel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null));

        await Measure.CompareAsync($"B3 message hop, {Messages} events (platform path vs raw RabbitMQ.Client)", reps, Messages,
            ours: async rep =>
            {
                var count = rep < 0 ? 100 : Messages;
                BenchTickConsumer.Seen.Clear();
                for (var batch = 0; batch < count / 100; batch++)
                {
                    await using var session = store.LightweightSession("bench");
                    for (var i = 0; i < 100; i++)
                        session.Events.Append($"ticks:{rep}:{batch}:{i % 10}", new BenchTicked(i));
                    await session.SaveChangesAsync();
                }
                await Probe.Until(() => Task.FromResult(BenchTickConsumer.Seen.Count), n => n >= count, TimeSpan.FromMinutes(2), "platform consumer");
            },
            raw: async rep =>
            {
                var count = rep < 0 ? 100 : Messages;
                Interlocked.Exchange(ref rawSeen, 0);
                var body = "{\"tenantId\":\"bench\",\"number\":1}"u8.ToArray();
                var props = new BasicProperties { Persistent = true, ContentType = "application/json" };
                using var gate = new SemaphoreSlim(64);
                var publishes = new List<Task>(count);
                for (var i = 0; i < count; i++)
                {
                    await gate.WaitAsync();
                    publishes.Add(Publish());
                }
                await Task.WhenAll(publishes);

                async Task Publish()
                {
                    try { await publishChannel.BasicPublishAsync("", "raw-bench", false, props, body); }
                    finally { gate.Release(); }
                }
                await Probe.Until(() => Task.FromResult(Volatile.Read(ref rawSeen)), n => n >= count, TimeSpan.FromMinutes(2), "raw consumer");
            });
        await app.StopAsync();
    }
}
