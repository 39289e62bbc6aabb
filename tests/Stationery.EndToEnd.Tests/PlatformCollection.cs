using Stationery.Testing;

namespace Stationery.EndToEnd.Tests;

/// <summary>All end-to-end tests share one running platform (it takes ~20 s to start).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformProcesses>
{
    public const string Name = "platform";
}
