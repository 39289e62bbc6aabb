using System.Reflection;
using Shouldly;
using Stationery.Contracts;

namespace Stationery.Architecture.Tests;

/// <summary>Integration events are what integrators build on: plain sealed records with fixed wire names.</summary>
public sealed class ContractConventions
{
    private static readonly Type[] Events = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(IIntegrationEvent).IsAssignableFrom(t)).ToArray();

    [Fact]
    public void Every_integration_event_is_a_sealed_record_with_a_namespace_and_only_properties()
    {
        Events.ShouldNotBeEmpty();
        foreach (var type in Events)
        {
            type.IsSealed.ShouldBeTrue($"{type.Name} should be sealed");
            type.Namespace.ShouldNotBeNull().ShouldStartWith("Stationery.Contracts.");
            type.GetMethod("<Clone>$").ShouldNotBeNull($"{type.Name} should be a record");
            type.GetFields(BindingFlags.Public | BindingFlags.Instance).ShouldBeEmpty($"{type.Name} should expose properties only");
        }
    }

    [Fact]
    public void Every_integration_event_has_a_unique_fixed_wire_name()
    {
        var names = Events.Select(t => t.GetCustomAttribute<WireNameAttribute>()?.Name).ToList();
        names.ShouldAllBe(n => n != null && n.StartsWith("stationery."));
        names.Distinct().Count().ShouldBe(names.Count);
    }
}
