namespace Stationery.Faults.Tests;

/// <summary>
/// A fault of the full suite: it runs under <c>./stationery faults</c> (<c>STATIONERY_FAULTS=all</c>) and is skipped inside
/// <c>./stationery test</c>, which runs only the smoke subset (<c>[Trait("Category", "FaultSmoke")]</c>, plain facts) to keep
/// its time small.
/// </summary>
public sealed class FaultFactAttribute : FactAttribute
{
    public FaultFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("STATIONERY_FAULTS") != "all")
            Skip = "part of the full fault suite: ./stationery faults";
    }
}
