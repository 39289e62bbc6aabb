namespace Stationery.Identity.Branches;

public static class TimeZones
{
    /// <summary>An IANA time zone this machine knows, e.g. Asia/Shanghai (what every service counts a branch's days in).</summary>
    public static bool IsIana(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && zone.HasIanaId;
}
