using Stationery.Hosting.Errors;

namespace Stationery.Purchasing.PurchaseOrders;

/// <summary>The rules of a delivery day a person sets (on placing or confirming an order): from today, within a year.</summary>
public static class DeliveryDates
{
    public static Validation DeliveryDay(this Validation v, DateOnly? day, DateOnly today, string field) => v
        .Require(day is null || day >= today, field, "must not be in the past")
        .Require(day is null || day <= today.AddDays(365), field, "must be within a year");

    /// <summary>The same rules for a decider (a press in chat reaches it without the API's validation).</summary>
    public static void Require(DateOnly? day, DateOnly today, string field) => new Validation().DeliveryDay(day, today, field).ThrowIfInvalid();

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);
}
