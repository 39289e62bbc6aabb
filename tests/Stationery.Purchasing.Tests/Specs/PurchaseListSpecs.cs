using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseLists;
using Stationery.Purchasing.PurchaseLists.Adding;
using Stationery.Purchasing.PurchaseLists.Withdrawing;
using Stationery.Purchasing.PurchaseOrders.Placing;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.Tests.Specs;

/// <summary>采购清单: what a low-stock alert puts on the list, and how the list becomes one order per supplier.</summary>
public class PurchaseListSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly ProductCopy Highlighter = new("HL-Y", "晨光荧光笔", "黄色", "支", "笔类", 12);

    private static AddFromLowStockAlert.Command Alert(int suggested, int minimum = 0) =>
        new("main", "item-1", Highlighter, suggested, new PackRule(Highlighter.PackSize, minimum));

    private static Supplier SupplierQuoting(string id, string sku, decimal cost, DateOnly validUntil, int leadTime = 3) =>
        Supplier.Create(new SupplierRegistered(id, id, null, leadTime, [], "owner", Now))
            .Apply(new QuoteRecorded(id, sku, cost, 1, validUntil, "owner", Now));

    private static PurchaseListItemAdded Item(string id, string sku, ItemSource source = ItemSource.Manual, int quantity = 10) =>
        new("main", id, sku, sku, "", "支", quantity, null, source, "owner", null, null, Now);

    [Fact]
    public void A_low_stock_alert_orders_inventorys_suggestion_as_given_rounded_up_to_whole_packs()
    {
        // Inventory's 28 is already net of what is on order: subtracting on-order again would order too little.
        var added = AddFromLowStockAlert.Decide(null, Alert(suggested: 28), Now)
            .Single().ShouldBeOfType<PurchaseListItemAdded>();

        added.Quantity.ShouldBe(36); // 28 → three packs of 12
        added.Source.ShouldBe(ItemSource.Alert);
        added.Name.ShouldBe("晨光荧光笔");
    }

    [Fact]
    public void An_alert_suggesting_nothing_adds_nothing()
    {
        AddFromLowStockAlert.Decide(null, Alert(suggested: 0), Now).ShouldBeEmpty();
    }

    [Fact]
    public void The_default_suppliers_minimum_order_raises_the_quantity_to_whole_packs_above_it()
    {
        AddFromLowStockAlert.Decide(null, Alert(suggested: 10, minimum: 30), Now).Cast<PurchaseListItemAdded>().Single().Quantity.ShouldBe(36);
    }

    [Fact]
    public void A_suppliers_own_pack_size_rounds_instead_of_the_catalogues_and_lasts_beyond_its_quote()
    {
        var deli = Supplier.Create(new SupplierRegistered("deli", "得力", null, 3, [], "owner", Now))
            .Apply(new QuoteRecorded("deli", "HL-Y", 1.10m, 1, Today.AddDays(-1), "owner", Now, PackSize: 10));
        var chenguang = SupplierQuoting("chenguang", "HL-Y", 1.20m, Today.AddDays(30));

        PackRule.For(deli, Highlighter, Today).ShouldBe(new PackRule(10, 0), "its packs of 10 (an expired quote: no minimum)");
        PackRule.For(chenguang, Highlighter, Today).ShouldBe(new PackRule(12, 1), "no pack size of its own: the catalogue's 12");
        PackRule.For(null, Highlighter, Today).ShouldBe(new PackRule(12, 0));
        AddFromLowStockAlert.Decide(null, Alert(28) with { Rule = PackRule.For(deli, Highlighter, Today) }, Now)
            .Cast<PurchaseListItemAdded>().Single().Quantity.ShouldBe(30);
    }

    [Fact]
    public void A_second_alert_for_a_product_still_on_the_list_adds_nothing()
    {
        var list = PurchaseList.Create(Item("item-0", "HL-Y"));

        AddFromLowStockAlert.Decide(list, Alert(suggested: 40), Now).ShouldBeEmpty();
    }

    [Fact]
    public void Stock_recovering_withdraws_only_the_lines_alerts_added()
    {
        var list = PurchaseList.Create(Item("by-alert", "HL-Y", ItemSource.Alert)).Apply(Item("by-owner", "HL-Y"));

        WithdrawAlertItem.Decide(list, "HL-Y", Now).Cast<PurchaseListItemWithdrawn>().Select(w => w.ItemId).ShouldBe(["by-alert"]);
    }

    [Fact]
    public void Ordering_from_the_list_makes_one_order_per_cheapest_valid_supplier_and_leaves_unquoted_items()
    {
        var cheapButExpired = SupplierQuoting("expired", "HL-Y", 0.50m, Today.AddDays(-1));
        var chenguang = SupplierQuoting("chenguang", "HL-Y", 1.20m, Today.AddDays(30))
            .Apply(new QuoteRecorded("chenguang", "NB-A5", 4.00m, 1, Today.AddDays(30), "owner", Now));
        var deli = SupplierQuoting("deli", "NB-A5", 3.50m, Today.AddDays(30));
        var list = PurchaseList.Create(Item("i1", "HL-Y", quantity: 24))
            .Apply(Item("i2", "NB-A5"))
            .Apply(Item("i3", "HL-Y", quantity: 12))
            .Apply(Item("i4", "RULER"));

        var plan = PlacePurchaseOrder.PlanFromList(list, [cheapButExpired, chenguang, deli], null, Today);

        plan.Orders.Select(o => o.Supplier.SupplierId).ShouldBe(["chenguang", "deli"]);
        plan.Orders[0].Quantities.ShouldBe([("HL-Y", 36)]);
        plan.Orders[1].Quantities.ShouldBe([("NB-A5", 10)]);
        plan.Unassigned.Select(i => i.ItemId).ShouldBe(["i4"]);
    }

    [Fact]
    public void Naming_a_supplier_orders_its_own_items_and_those_without_a_supplier_from_it()
    {
        var deli = SupplierQuoting("deli", "NB-A5", 3.50m, Today.AddDays(30));
        var chenguang = Supplier.Create(new SupplierRegistered("chenguang", "晨光", null, 3, ["笔类"], "owner", Now));
        var list = PurchaseList.Create(Item("i1", "HL-Y"))
            .Apply(Item("i2", "NB-A5"))
            .Apply(Item("i3", "RULER"));

        var plan = PlacePurchaseOrder.PlanFromList(list, [deli, chenguang], "chenguang", Today);

        plan.Orders.Select(o => o.Supplier.SupplierId).ShouldBe(["chenguang"]);
        plan.Orders[0].Items.Select(i => i.ItemId).ShouldBe(["i1", "i3"]);
        plan.Unassigned.ShouldBeEmpty();
    }
}
