using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using RabbitMQ.Client;
using Stationery.Hosting.Messaging;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>
/// <c>/health/ready</c>'s <c>messaging</c> check, and the <c>Stationery.Messaging</c> gauges: messages parked in the
/// service's <c>_error</c> queues and events its outbox dead-lettered, counted from the broker and the event store.
/// </summary>
public sealed class ParkedAndDeadLetteredTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task Two_parked_messages_and_one_dead_lettered_event_degrade_readiness_with_their_counts_and_show_as_gauges()
    {
        var parked = fixture.Chat.Service<ParkedMessages>();
        var queue = parked.Queues.First(q => q.EndsWith("stock-report-recognizer", StringComparison.Ordinal)) + "_error";
        var factory = new ConnectionFactory { Uri = new Uri(fixture.Chat.Servers.RabbitMq) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            for (var i = 0; i < 2; i++)
                await channel.BasicPublishAsync("", queue, "{\"message\":{}}"u8.ToArray());
        }
        await using (var session = fixture.Chat.Service<IDocumentStore>().LightweightSession())
        {
            session.Store(new DeadLetterEvent { ProjectionName = "outbox", ShardName = "All", EventSequence = 42, ExceptionType = "InvalidOperationException", ExceptionMessage = "no contract" });
            await session.SaveChangesAsync();
        }

        // The figures are counted at most every few seconds: a count from before the fault may answer at first.
        using var anonymous = fixture.Chat.Anonymous();
        var messaging = await Probe.Until(async () =>
        {
            using var response = await anonymous.GetAsync("health/ready");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "parked messages degrade readiness, they do not fail it");
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("messaging").Clone();
        }, m => m.GetProperty("data").GetProperty("parked").GetInt64() > 0, what: "the parked messages counted");

        messaging.GetProperty("status").GetString().ShouldBe("Degraded");
        var data = messaging.GetProperty("data");
        data.GetProperty("parked").GetInt64().ShouldBe(2);
        data.GetProperty("parkedByQueue").GetProperty(queue).GetInt64().ShouldBe(2);
        data.GetProperty("deadLettered").GetInt64().ShouldBe(1);
        messaging.GetProperty("description").GetString()!.ShouldContain($"2 messages parked in {queue}");
        messaging.GetProperty("description").GetString()!.ShouldContain("1 events dead-lettered by the outbox");

        (await GaugesAsync()).ShouldBe(new Dictionary<string, long> { [ParkedMessages.ParkedGauge] = 2, [ParkedMessages.DeadLetteredGauge] = 1 });
    }

    /// <summary>This Chat host's two gauges, read once (other hosts in this process have meters of their own).</summary>
    private Task<Dictionary<string, long>> GaugesAsync()
    {
        var scope = fixture.Chat.Service<IMeterFactory>();
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ParkedMessages.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return Task.FromResult(values);
    }
}
