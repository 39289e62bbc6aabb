using Stationery.Hosting.Errors;
using Stationery.Purchasing.PurchaseLists;
using Stationery.Purchasing.PurchaseLists.Editing;
using Stationery.Purchasing.PurchaseLists.Removing;
using Stationery.Purchasing.PurchaseLists.Withdrawing;

namespace Stationery.Purchasing.Tests.Specs;

/// <summary>修改采购清单: the buyer changes a line's quantity or supplier (rounded to the supplier's packs), or removes it.</summary>
public class PurchaseListEditingSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static PurchaseList ListWith(int quantity = 36, ItemSource source = ItemSource.Manual, string? supplierId = null) =>
        PurchaseList.Create(new PurchaseListItemAdded("main", "item-1", "HL-Y", "晨光荧光笔", "黄色", "支", quantity, null, source, "owner",
            null, supplierId, Now));

    private static EditPurchaseListItem.Command Edit(int? quantity, string? supplierId = null, int packSize = 12, int minimum = 0) =>
        new("main", "item-1", quantity, supplierId, new PackRule(packSize, minimum), "owner");

    [Fact]
    public void A_new_quantity_is_rounded_up_to_whole_packs_and_says_what_was_asked()
    {
        var changed = EditPurchaseListItem.Decide(ListWith(), Edit(quantity: 40), Now).Single().ShouldBeOfType<PurchaseListItemChanged>();

        changed.Quantity.ShouldBe(48);
        changed.RequestedQuantity.ShouldBe(40);
        changed.PackSize.ShouldBe(12);
        ListWith().Apply(changed).Items.Single().ShouldSatisfyAllConditions(
            i => i.Quantity.ShouldBe(48), i => i.RequestedQuantity.ShouldBe(40), i => i.EditedBy.ShouldBe("owner"));
    }

    [Fact]
    public void The_suppliers_minimum_order_raises_a_small_quantity()
    {
        var changed = EditPurchaseListItem.Decide(ListWith(), Edit(quantity: 5, packSize: 10, minimum: 30), Now)
            .Single().ShouldBeOfType<PurchaseListItemChanged>();

        changed.Quantity.ShouldBe(30);
        changed.MinOrderQty.ShouldBe(30);
    }

    [Fact]
    public void Choosing_another_supplier_rounds_what_was_last_asked_for_to_its_packs()
    {
        var list = ListWith();
        list = list.Apply((PurchaseListItemChanged)EditPurchaseListItem.Decide(list, Edit(quantity: 30), Now)[0]); // 36 in packs of 12

        var changed = EditPurchaseListItem.Decide(list, Edit(quantity: null, supplierId: "deli", packSize: 10), Now)
            .Single().ShouldBeOfType<PurchaseListItemChanged>();

        changed.SupplierId.ShouldBe("deli");
        changed.Quantity.ShouldBe(30, "30 asked, in packs of 10: not 40 from the 36 the last supplier's packs made of it");
    }

    [Fact]
    public void Leaving_the_supplier_out_keeps_the_one_chosen()
    {
        var changed = EditPurchaseListItem.Decide(ListWith(supplierId: "deli"), Edit(quantity: 24), Now)
            .Single().ShouldBeOfType<PurchaseListItemChanged>();

        changed.SupplierId.ShouldBe("deli");
    }

    [Fact]
    public void An_edit_that_changes_nothing_records_nothing()
    {
        EditPurchaseListItem.Decide(ListWith(quantity: 36), Edit(quantity: 36), Now).ShouldBeEmpty();
    }

    [Fact]
    public void Editing_or_removing_an_item_that_is_not_on_the_list_is_not_found()
    {
        Should.Throw<NotFoundException>(() => EditPurchaseListItem.Decide(ListWith(), Edit(5) with { ItemId = "item-x" }, Now));
        Should.Throw<NotFoundException>(() => EditPurchaseListItem.Decide(null, Edit(5), Now));
        Should.Throw<NotFoundException>(() => RemovePurchaseListItem.Decide(ListWith(), "item-x", "owner", Now));
    }

    [Fact]
    public void Removing_an_item_takes_it_off_the_list()
    {
        var list = ListWith();
        var removed = RemovePurchaseListItem.Decide(list, "item-1", "owner", Now).Single().ShouldBeOfType<PurchaseListItemRemoved>();

        list.Apply(removed).Items.ShouldBeEmpty();
    }

    [Fact]
    public void An_alert_line_the_buyer_edited_stays_when_the_alert_closes()
    {
        var list = ListWith(source: ItemSource.Alert);
        var edited = list.Apply((PurchaseListItemChanged)EditPurchaseListItem.Decide(list, Edit(quantity: 60), Now)[0]);

        WithdrawAlertItem.Decide(list, "HL-Y", Now).ShouldHaveSingleItem();
        WithdrawAlertItem.Decide(edited, "HL-Y", Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_pack_rule_rounds_up_to_whole_packs_above_the_minimum_and_nothing_stays_nothing()
    {
        new PackRule(12, 0).Round(28).ShouldBe(36);
        new PackRule(12, 30).Round(10).ShouldBe(36);
        new PackRule(1, 0).Round(7).ShouldBe(7);
        new PackRule(0, 0).Round(7).ShouldBe(7);
        new PackRule(12, 30).Round(0).ShouldBe(0);
    }
}
