using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Purchasing.Catalogue;
using Stationery.Purchasing.PurchaseOrders;
using Stationery.Purchasing.PurchaseOrders.Confirming;
using Stationery.Purchasing.PurchaseOrders.Placing;
using Stationery.Purchasing.PurchaseOrders.Viewing;
using Stationery.Purchasing.Suppliers;

namespace Stationery.Purchasing.Tests.Specs;

/// <summary>The delivery day: asked for on placing (or the supplier's lead time), agreed (possibly changed) on confirming.</summary>
public class ConfirmationDateSpecs
{
    // 2026-03-02 01:00 UTC: "today" is 2026-03-02 for the rules, as Purchasing counts days in UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 3, 2);
    private const string Order = "PO-20260302-DEF456";

    private static readonly ProductCopy Highlighter = new("HL-Y", "晨光荧光笔", "黄色", "支", "笔类", 12);

    private static readonly Supplier Chenguang = Supplier.Create(new SupplierRegistered("chenguang", "晨光文具供应商", null, 3, ["笔类"], "owner", Now));

    private static PurchaseOrderPlaced Placed(DateOnly? expectedBy = null) =>
        (PurchaseOrderPlaced)PlacePurchaseOrder.Decide(null,
            new PlacePurchaseOrder.Command(Order, "main", Chenguang, [new(Highlighter, 100)], "owner", "张店长", expectedBy), Now).Single();

    private static PurchaseOrder Given(params object[] events) => StateEvolver<PurchaseOrder>.Fold(events)!;

    private static ConfirmPurchaseOrder.Command Confirm(DateOnly? expectedBy, int? highlighters = null) =>
        new(highlighters is { } n ? [new("HL-Y", n)] : [], "supplier", "晨光王经理", expectedBy);

    [Fact]
    public void An_order_asks_for_the_day_its_placer_chose_or_else_today_plus_the_suppliers_lead_time()
    {
        Placed().ExpectedBy.ShouldBe(Today.AddDays(3));
        var asked = Placed(Today.AddDays(10));
        asked.ExpectedBy.ShouldBe(Today.AddDays(10));
        Given(asked).AskedExpectedBy.ShouldBe(Today.AddDays(10));
    }

    [Fact]
    public void Placing_with_a_day_in_the_past_is_invalid_input_naming_expectedBy()
    {
        var refusal = Should.Throw<ValidationException>(() => Placed(Today.AddDays(-1)));

        refusal.Status.ShouldBe(400);
        refusal.Errors["expectedBy"].ShouldBe(["must not be in the past"]);
    }

    [Fact]
    public void A_supplier_confirming_another_day_records_the_agreed_and_the_asked_day_and_the_order_expects_the_agreed_one()
    {
        var placed = Placed();
        var confirmed = (PurchaseOrderConfirmed)ConfirmPurchaseOrder.Decide(Given(placed), Confirm(Today.AddDays(6), 80), Now).Single();

        (confirmed.ExpectedBy, confirmed.WasExpectedBy).ShouldBe((Today.AddDays(6), Today.AddDays(3)));
        confirmed.DateChanged.ShouldBeTrue();
        confirmed.QuantitiesChanged.ShouldBeTrue();
        var po = Given(placed, confirmed);
        (po.ExpectedBy, po.AskedExpectedBy).ShouldBe((Today.AddDays(6), Today.AddDays(3)));
        TimelineText.Entry(new JasperFx.Events.Event<PurchaseOrderConfirmed>(confirmed))!.Text
            .ShouldBe($"晨光王经理 确认订单:晨光荧光笔 80支(原订 100支),到货日期改为 {Today.AddDays(6):yyyy-MM-dd}(原定 {Today.AddDays(3):yyyy-MM-dd})");
    }

    [Fact]
    public void Confirming_without_a_day_or_with_the_same_day_agrees_to_the_orders_day_and_changes_nothing()
    {
        var placed = Placed();
        foreach (var day in new DateOnly?[] { null, Today.AddDays(3) })
        {
            var confirmed = (PurchaseOrderConfirmed)ConfirmPurchaseOrder.Decide(Given(placed), Confirm(day), Now).Single();

            (confirmed.ExpectedBy, confirmed.WasExpectedBy).ShouldBe((Today.AddDays(3), Today.AddDays(3)));
            confirmed.DateChanged.ShouldBeFalse();
            Given(placed, confirmed).ExpectedBy.ShouldBe(Today.AddDays(3));
            TimelineText.Entry(new JasperFx.Events.Event<PurchaseOrderConfirmed>(confirmed))!.Text
                .ShouldBe($"晨光王经理 确认订单:晨光荧光笔 100支,预计 {Today.AddDays(3):yyyy-MM-dd} 到货");
        }
    }

    [Theory]
    [InlineData(-1, "must not be in the past")]
    [InlineData(366, "must be within a year")]
    public void Confirming_with_a_day_in_the_past_or_beyond_a_year_is_invalid_input_naming_expectedBy_and_decides_nothing(int days, string rule)
    {
        var po = Given(Placed());

        var refusal = Should.Throw<ValidationException>(() => ConfirmPurchaseOrder.Decide(po, Confirm(Today.AddDays(days)), Now));

        refusal.Status.ShouldBe(400);
        refusal.Errors["expectedBy"].ShouldBe([rule]);
        po.Status.ShouldBe(PurchaseOrderStatus.Placed);
    }

    [Fact]
    public void The_api_lists_a_bad_day_and_bad_lines_at_once()
    {
        var refusal = Should.Throw<ValidationException>(() => ConfirmPurchaseOrder.Validate(
            new ConfirmPurchaseOrderRequest([new LineRequest("HL-Y", -1)], Today.AddDays(-3)), Today, "supplier", "晨光王经理"));

        refusal.Errors.Keys.Order().ShouldBe(["expectedBy", "lines[0].quantity"]);
    }

    [Fact]
    public void Confirming_twice_is_still_a_conflict_whatever_day_is_asked()
    {
        var placed = Placed();
        var confirmed = ConfirmPurchaseOrder.Decide(Given(placed), Confirm(null), Now).Single();

        var refusal = Should.Throw<DomainException>(() => ConfirmPurchaseOrder.Decide(Given(placed, confirmed), Confirm(Today.AddDays(9)), Now));

        (refusal.Status, refusal.Code).ShouldBe((409, "purchase-order-already-confirmed"));
    }
}
