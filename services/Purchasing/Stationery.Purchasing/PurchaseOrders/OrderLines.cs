using System.Security.Claims;
using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Purchasing.PurchaseOrders;

/// <summary>A <c>{ sku, quantity }</c> line as a request sends it.</summary>
public sealed record LineRequest(string? Sku, int? Quantity);

public sealed record LineQuantity(string Sku, int Quantity);

/// <summary>A receipt line as a request sends it: <c>quantity</c> arrived, of which <c>damaged</c> (optional) arrived broken.</summary>
public sealed record ReceiptLineRequest(string? Sku, int? Quantity, int? Damaged);

/// <summary>What arrived of one product: <see cref="Quantity"/> units at the door, <see cref="Damaged"/> of them broken.</summary>
public sealed record ReceiptLine(string Sku, int Quantity, int Damaged = 0)
{
    public int Sound => Quantity - Damaged;
}

public static class OrderLines
{
    /// <summary>Every field error at once, named like the JSON (<c>lines[1].quantity</c>).</summary>
    public static IReadOnlyList<LineQuantity> Validate(IReadOnlyList<LineRequest?>? lines, bool zeroAllowed, bool required)
    {
        var v = new Validation();
        lines ??= [];
        v.Require(!required || lines.Count > 0, "lines", "must contain at least one line");
        v.Require(lines.Count <= 500, "lines", "must contain at most 500 lines");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null) { v.Add($"lines[{i}]", "is required"); continue; }
            v.NotEmpty(line.Sku, $"lines[{i}].sku", 64);
            if (line.Quantity is null) v.Add($"lines[{i}].quantity", "is required");
            else if (zeroAllowed ? line.Quantity < 0 : line.Quantity <= 0)
                v.Add($"lines[{i}].quantity", zeroAllowed ? "must not be negative" : "must be greater than 0");
            else if (line.Quantity > 1_000_000) v.Add($"lines[{i}].quantity", "must be at most 1000000");
            if (!string.IsNullOrWhiteSpace(line.Sku) && !seen.Add(line.Sku.Trim()))
                v.Add($"lines[{i}].sku", "appears more than once");
        }
        v.ThrowIfInvalid();
        return lines.Select(l => new LineQuantity(l!.Sku!.Trim(), l.Quantity!.Value)).ToList();
    }

    /// <summary>Receipt lines: every field error at once; <c>damaged</c> is 0 to <c>quantity</c>.</summary>
    public static IReadOnlyList<ReceiptLine> ValidateReceipt(IReadOnlyList<ReceiptLineRequest?>? lines)
    {
        var quantities = Validate(lines?.Select(l => l is null ? null : new LineRequest(l.Sku, l.Quantity)).ToList(), zeroAllowed: false, required: true);
        var v = new Validation();
        for (var i = 0; i < lines!.Count; i++)
            v.Require(lines[i]!.Damaged is null or >= 0, $"lines[{i}].damaged", "must not be negative")
                .Require(lines[i]!.Damaged is null || lines[i]!.Damaged <= lines[i]!.Quantity, $"lines[{i}].damaged", "must not exceed the quantity that arrived");
        v.ThrowIfInvalid();
        return quantities.Select((q, i) => new ReceiptLine(q.Sku, q.Quantity, lines[i]!.Damaged ?? 0)).ToList();
    }

    /// <summary>Lines naming a product that is not on the order are input errors (400), not conflicts.</summary>
    public static void RequireOnOrder(PurchaseOrder po, IReadOnlyList<string> skus)
    {
        var v = new Validation();
        for (var i = 0; i < skus.Count; i++)
            v.Require(po.Lines.Any(l => l.Sku == skus[i]), $"lines[{i}].sku", $"商品 {skus[i]} 不在采购单 {po.Id} 上 (not on this purchase order)");
        v.ThrowIfInvalid();
    }
}

public static class PurchaseOrderAccess
{
    /// <summary>
    /// Staff see the orders of their branches; a supplier guest sees its own supplier's orders. Anything else is answered
    /// exactly like a missing order (404), so a guest cannot probe other suppliers' order numbers.
    /// </summary>
    public static PurchaseOrder EnsureVisible(this ClaimsPrincipal user, PurchaseOrder? po, string id)
    {
        if (po is not null && user.Permits("orders.read", po.Branch, po.SupplierId))
            return po;
        throw new NotFoundException("采购单 purchase order", id);
    }

    public static bool SeesCostsOf(this ClaimsPrincipal user, PurchaseOrder po) => user.Permits(Permissions.SeeCosts, supplierId: po.SupplierId);
}
