namespace Stationery.Inventory.Stock.Reordering;

/// <summary>
/// 自动补货点: the daily pass's computed policy for a product with no explicit reorder point. Recorded only when a figure a
/// decision uses (reorder point, max level, lead time) changes, so the ledger shows each change once; the alert rule runs
/// on the result at once. An explicit reorder point always wins: nothing is recorded while one is set.
/// </summary>
public sealed record ComputeReorderPolicy(ComputedPolicy? Computed)
{
    public static IReadOnlyList<object> Decide(StockItem? state, ComputeReorderPolicy c, DateTimeOffset now)
    {
        if (state is null || state.Policy.ReorderPoint is not null || Same(state.Computed, c.Computed)) return [];
        return StockStream.Change(state, state.Branch, state.Product, now,
            s => [new ReorderPolicyComputed(s.Branch, s.Sku, c.Computed, now)]);
    }

    private static bool Same(ComputedPolicy? a, ComputedPolicy? b) =>
        (a?.ReorderPoint, a?.MaxLevel, a?.LeadTimeDays) == (b?.ReorderPoint, b?.MaxLevel, b?.LeadTimeDays);
}
