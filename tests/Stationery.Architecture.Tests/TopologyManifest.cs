using Shouldly;
using Stationery.Chat;
using Stationery.Hosting.Messaging;
using Stationery.Identity;
using Stationery.Inventory;
using Stationery.Purchasing;
using Stationery.Reporting;

namespace Stationery.Architecture.Tests;

/// <summary>
/// The platform topology manifest (<c>services/Stationery.Hosting/Messaging/platform-topology.json</c>) is generated from the
/// service assemblies: this test fails while the checked-in file differs from what the consumers declare, and
/// <c>STATIONERY_UPDATE_TOPOLOGY=1 dotnet test tests/Stationery.Architecture.Tests --filter TopologyManifest</c> rewrites it.
/// </summary>
public sealed class TopologyManifest
{
    public const string UpdateVariable = "STATIONERY_UPDATE_TOPOLOGY";

    public static readonly (string Service, System.Reflection.Assembly Assembly)[] Services =
    [
        ("identity", typeof(IdentityService).Assembly), ("inventory", typeof(InventoryService).Assembly),
        ("purchasing", typeof(PurchasingService).Assembly), ("chat", typeof(ChatService).Assembly),
        ("reporting", typeof(ReportingService).Assembly),
    ];

    private static readonly string FilePath =
        Path.Combine(ServiceBoundaries.RepositoryRoot(), "services", "Stationery.Hosting", "Messaging", "platform-topology.json");

    [Fact]
    public void 平台拓扑清单与各服务的消费者一致_The_checked_in_topology_manifest_is_what_the_service_consumers_declare()
    {
        var generated = PlatformTopology.Generate(Services).ToJson();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            // The services embed the file at their next build.
            File.WriteAllText(FilePath, generated);
            return;
        }
        File.ReadAllText(FilePath).ReplaceLineEndings("\n").ShouldBe(generated,
            $"platform-topology.json is stale: run {UpdateVariable}=1 dotnet test tests/Stationery.Architecture.Tests --filter TopologyManifest, then rebuild");
        // The embedded copy is the one services declare: it must be the checked-in file of this build.
        PlatformTopology.Current.ToJson().ShouldBe(generated, "the embedded manifest is older than the file: rebuild Stationery.Hosting");
    }

    [Fact]
    public void 清单含各服务的持久队列_不含每副本的临时端点()
    {
        var topology = PlatformTopology.Generate(Services);
        topology.Endpoints.Select(e => e.Queue).ShouldBeUnique();
        topology.Endpoints.ShouldAllBe(e => e.Queue.StartsWith(e.Service + "-") && e.Consumes.Count > 0);
        // Reporting learns products from Inventory on its own queue, under the contract's wire name.
        topology.Endpoint("reporting-product-registered").ShouldNotBeNull().Consumes
            .ShouldContain(new TopologyMessage("Stationery.Contracts.Inventory.ProductRegistered", "stationery.inventory.product-registered"));
        // Every service refuses disabled accounts, from its own consumer or the shared one.
        topology.Endpoints.Where(e => e.Consumes.Any(m => m.Exchange == "stationery.identity.staff-member-disabled"))
            .Select(e => e.Service).Distinct().Order().ShouldBe(["chat", "identity", "inventory", "purchasing", "reporting"]);
        // Chat's live fan-out is per replica ([InstanceConsumer]): not in the manifest.
        typeof(ChatService).Assembly.GetTypes().Count(t => t.GetCustomAttributes(typeof(InstanceConsumerAttribute), false).Length > 0).ShouldBeGreaterThan(0);
        topology.Endpoints.ShouldNotContain(e => e.Queue == "chat-message-posted-fan-out");
    }
}
