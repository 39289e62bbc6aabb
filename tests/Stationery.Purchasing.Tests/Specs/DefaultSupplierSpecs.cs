using Stationery.Purchasing.PurchaseLists;
using Stationery.Purchasing.PurchaseLists.Editing;
using Stationery.Purchasing.PurchaseOrders.Placing;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.Tests.Specs;

/// <summary>The default supplier of a list line: the cheapest valid quote that meets the lead time (the day it is needed by).</summary>
public class DefaultSupplierSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Supplier Quoting(string id, decimal cost, int declaredLeadTime) =>
        Supplier.Create(new SupplierRegistered(id, id, null, declaredLeadTime, [], "owner", Now))
            .Apply(new QuoteRecorded(id, "HL-Y", cost, 1, Today.AddDays(30), "owner", Now));

    private static readonly Supplier CheapButSlow = Quoting("cheap-slow", 1.00m, declaredLeadTime: 10);
    private static readonly Supplier Dearer = Quoting("dearer-fast", 1.20m, declaredLeadTime: 3);
    private static readonly Supplier Dearest = Quoting("dearest-fastest", 1.50m, declaredLeadTime: 1);
    private static readonly Supplier[] All = [Dearest, CheapButSlow, Dearer];

    private static string? Default(DateOnly? neededBy, IReadOnlyDictionary<string, double>? measured = null, IEnumerable<Supplier>? suppliers = null) =>
        CheapestQuote.For(suppliers ?? All, "HL-Y", Today, neededBy, measured)?.Supplier.SupplierId;

    [Fact]
    public void Without_a_needed_by_day_the_cheapest_valid_quote_is_the_default()
    {
        Default(neededBy: null).ShouldBe("cheap-slow");
    }

    [Fact]
    public void With_a_needed_by_day_the_cheapest_supplier_that_delivers_by_then_is_the_default()
    {
        Default(Today.AddDays(5)).ShouldBe("dearer-fast", "cheap-slow's 10 days miss the 5-day window");
        Default(Today.AddDays(3)).ShouldBe("dearer-fast", "ordered today, delivered in 3 days: on the day it is needed");
        Default(Today.AddDays(2)).ShouldBe("dearest-fastest");
        Default(Today.AddDays(10)).ShouldBe("cheap-slow");
    }

    [Fact]
    public void When_no_supplier_meets_the_day_the_cheapest_of_all_is_the_default()
    {
        Default(Today).ShouldBe("cheap-slow");
    }

    [Fact]
    public void A_lead_time_measured_from_deliveries_counts_instead_of_the_declared_one()
    {
        // dearer-fast declares 3 days but has taken 6.2 on average; cheap-slow declares 10 but has delivered in 4.
        var measured = new Dictionary<string, double> { ["dearer-fast"] = 6.2, ["cheap-slow"] = 4.0 };

        Default(Today.AddDays(5), measured).ShouldBe("cheap-slow");
        Default(Today.AddDays(6), measured, [Dearer, Dearest]).ShouldBe("dearest-fastest", "6.2 days rounds up to 7: a day late");
    }

    [Fact]
    public void A_tie_on_price_goes_to_the_shorter_lead_time()
    {
        var sameAsDearer = Quoting("a-same-price-slower", 1.20m, declaredLeadTime: 4);

        Default(null, suppliers: [sameAsDearer, Dearer]).ShouldBe("dearer-fast");
    }

    [Fact]
    public void Ordering_from_the_list_sends_a_line_with_a_needed_by_day_to_the_supplier_that_meets_it()
    {
        var list = PurchaseList.Create(new PurchaseListItemAdded("main", "urgent", "HL-Y", "晨光荧光笔", "", "支", 12, null,
                ItemSource.Manual, "owner", null, null, Now))
            .Apply(new PurchaseListItemAdded("main", "whenever", "HL-Y", "晨光荧光笔", "", "支", 24, null, ItemSource.Manual, "owner", null, null, Now));
        var command = new EditPurchaseListItem.Command("main", "urgent", null, null, new PackRule(12, 0), "owner", Today.AddDays(4));
        list = list.Apply(EditPurchaseListItem.Decide(list, command, Now).Cast<PurchaseListItemChanged>().Single());

        var plan = PlacePurchaseOrder.PlanFromList(list, All, null, Today);

        plan.Orders.Select(o => (o.Supplier.SupplierId, o.Items.Single().ItemId)).ShouldBe([("cheap-slow", "whenever"), ("dearer-fast", "urgent")]);
    }

    [Fact]
    public void Setting_only_the_needed_by_day_is_an_edit_and_setting_it_again_is_not()
    {
        var list = PurchaseList.Create(new PurchaseListItemAdded("main", "item-1", "HL-Y", "晨光荧光笔", "", "支", 12, null,
            ItemSource.Manual, "owner", null, null, Now));
        var command = new EditPurchaseListItem.Command("main", "item-1", null, null, new PackRule(12, 0), "owner", Today.AddDays(4));

        var changed = EditPurchaseListItem.Decide(list, command, Now).Cast<PurchaseListItemChanged>().Single();
        changed.NeededBy.ShouldBe(Today.AddDays(4));
        changed.Quantity.ShouldBe(12);
        EditPurchaseListItem.Decide(list.Apply(changed), command, Now).ShouldBeEmpty();
    }
}
