using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Stationery.Contracts;

namespace Stationery.Hosting.Messaging;

/// <summary>One message type a consumer endpoint consumes: its CLR name and the exchange it is published to.</summary>
public sealed record TopologyMessage(string Type, string Exchange);

/// <summary>One durable consumer endpoint of one service: its queue (= the exchange in front of it) and what it consumes.</summary>
public sealed record TopologyEndpoint(string Service, string Queue, IReadOnlyList<TopologyMessage> Consumes);

/// <summary>
/// The platform's consume topology: every durable consumer endpoint of every service (per-replica endpoints,
/// <see cref="InstanceConsumerAttribute"/>, are transient by design and left out). Every service declares all of it before
/// its bus starts and before its outbox publishes (<see cref="TopologyDeclaration"/>), so an event published before its
/// consumer ever ran waits in the consumer's queue instead of vanishing at an exchange with nothing bound.
/// The file <c>platform-topology.json</c> is generated from the service assemblies by
/// <c>STATIONERY_UPDATE_TOPOLOGY=1 dotnet test tests/Stationery.Architecture.Tests --filter TopologyManifest</c>
/// (the test fails while the checked-in file is stale) and embedded in this assembly.
/// </summary>
public sealed record PlatformTopology(IReadOnlyList<TopologyEndpoint> Endpoints)
{
    public const string ResourceName = "Stationery.Hosting.Messaging.platform-topology.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly Lazy<PlatformTopology> Embedded = new(() =>
    {
        using var stream = typeof(PlatformTopology).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"{ResourceName} is not embedded in Stationery.Hosting.");
        return Parse(new StreamReader(stream).ReadToEnd());
    });

    /// <summary>The manifest checked in with this build.</summary>
    public static PlatformTopology Current => Embedded.Value;

    public static PlatformTopology Parse(string json) =>
        JsonSerializer.Deserialize<PlatformTopology>(json, Json) ?? throw new InvalidOperationException("The topology manifest is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json).ReplaceLineEndings("\n") + "\n";

    /// <summary>The endpoint that owns <paramref name="queue"/>, or null.</summary>
    public TopologyEndpoint? Endpoint(string queue) => Endpoints.FirstOrDefault(e => e.Queue == queue);

    /// <summary>The manifest of <paramref name="services"/> (service name → its assembly), ordered by service then queue.</summary>
    public static PlatformTopology Generate(IEnumerable<(string Service, Assembly Assembly)> services) =>
        new([.. services.SelectMany(s => EndpointsOf(s.Service, s.Assembly)).OrderBy(e => e.Service, StringComparer.Ordinal)
            .ThenBy(e => e.Queue, StringComparer.Ordinal)]);

    /// <summary>
    /// The durable endpoints <see cref="PlatformBus.AddPlatformBus"/> gives <paramref name="serviceName"/>: one per consumer
    /// (<see cref="PlatformBus.ConsumerTypes"/>), named by the same formatter, bound to the exchanges of the types it consumes.
    /// </summary>
    public static IEnumerable<TopologyEndpoint> EndpointsOf(string serviceName, Assembly serviceAssembly)
    {
        var formatter = new KebabCaseEndpointNameFormatter(serviceName, false);
        var consumerName = typeof(KebabCaseEndpointNameFormatter).GetMethod(nameof(KebabCaseEndpointNameFormatter.Consumer))!;
        foreach (var consumer in PlatformBus.ConsumerTypes(serviceAssembly))
        {
            var queue = (string)consumerName.MakeGenericMethod(consumer).Invoke(formatter, null)!;
            var consumes = ConsumedTypes(consumer).Select(t => new TopologyMessage(t.FullName!, ExchangeOf(t)))
                .OrderBy(m => m.Exchange, StringComparer.Ordinal).ToList();
            yield return new TopologyEndpoint(serviceName, queue, consumes);
        }
    }

    /// <summary>The exchange MassTransit publishes <paramref name="type"/> to here (<see cref="WireNameFormatter"/>).</summary>
    public static string ExchangeOf(Type type) =>
        type.GetCustomAttribute<WireNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{type.FullName} is consumed across services but has no [WireName]: its exchange name would follow its CLR name.");

    private static IEnumerable<Type> ConsumedTypes(Type consumer) =>
        consumer.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Select(m => m.IsGenericType && m.GetGenericTypeDefinition() == typeof(Batch<>) ? m.GetGenericArguments()[0] : m)
            .Distinct();
}
