using Stationery.Hosting.Errors;
using Stationery.Inventory.Stock;
using Stationery.Inventory.Transfers;
using Stationery.Inventory.Transfers.Dispatching;
using Stationery.Inventory.Transfers.Receiving;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>A transfer touches three streams: the transfer itself and the stock of both branches.</summary>
public sealed class TransferSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly ProductFacts Pen = new("PEN-05", "得力中性笔", "0.5mm 黑色", "支", "笔类", 12);
    private static readonly Recorder Manager = new("manager", "api");
    private static readonly DispatchTransfer Send = new("T-20260901-AAAAAA", "main", "east",
        [new TransferLine("PEN-05", "得力中性笔", "0.5mm 黑色", "支", 7)], "开学季补货", Manager);

    private StockItem? main = StockStream.Replay(null, [
        new StockItemOpened("main", "PEN-05", "得力中性笔", "0.5mm 黑色", "支", "笔类", 12, Now),
        new StockReceived("main", "PEN-05", 10, 10, "R-1", "clerk", "api", Now)]);
    private StockItem? east = StockStream.Replay(null, [
        new StockItemOpened("east", "PEN-05", "得力中性笔", "0.5mm 黑色", "支", "笔类", 12, Now),
        new ReorderPolicySet("east", "PEN-05", new ReorderPolicy(5, 24, null, null), "owner", Now),
        new StockReceived("east", "PEN-05", 3, 3, "R-1", "clerk", "api", Now),
        new LowStockDetected("east", "PEN-05", "得力中性笔", "0.5mm 黑色", "支", 3, 0, 5, 24, Now)]);
    private Transfer? transfer;

    private int Total => main!.OnHand + main.InTransit + east!.OnHand + east.InTransit;

    private void Dispatch()
    {
        transfer = StateOf(transfer, DispatchTransfer.Decide(transfer, Send, Now));
        main = StockStream.Replay(main, DispatchTransfer.TakeOut(main, Send, Pen, 7, Now));
        east = StockStream.Replay(east, DispatchTransfer.ExpectIn(east, Send, Pen, 7, Now));
    }

    private IReadOnlyList<object> Receive(int? quantity = null)
    {
        var command = new ReceiveTransfer(Send.Id, "east", new Recorder("clerk-east", "api"),
            quantity is { } q ? [new ReceivedLine("PEN-05", q)] : null);
        var events = ReceiveTransfer.Decide(transfer, command, Now);
        transfer = StateOf(transfer, events);
        var arrived = ((TransferReceived)events[0]).Lines!.Single().Quantity;
        var stock = ReceiveTransfer.TakeIn(east, command, "main", Pen, arrived, Now);
        east = StockStream.Replay(east, stock);
        return stock;
    }

    [Fact]
    public void A_partial_receipt_lands_what_arrived_and_leaves_the_rest_in_transit_until_it_comes()
    {
        var before = Total;
        Dispatch();

        Receive(5).ShouldHaveSingleItem().ShouldBe(new StockTransferredIn("east", "PEN-05", 5, 8, 2, Send.Id, "main", "clerk-east", Now));
        east!.InTransit.ShouldBe(2);
        transfer!.Status.ShouldBe(TransferStatus.PartlyReceived);
        transfer.Outstanding("PEN-05").ShouldBe(2);
        Total.ShouldBe(before);

        Should.Throw<ValidationException>(() => Receive(3)).Errors["lines[0].quantity"][0].ShouldStartWith("最多 2");
        Receive().ShouldHaveSingleItem().ShouldBe(new StockTransferredIn("east", "PEN-05", 2, 10, 0, Send.Id, "main", "clerk-east", Now));
        transfer!.Status.ShouldBe(TransferStatus.Received);
        TransferView.From(transfer).Received.Single().Quantity.ShouldBe(7);
        Total.ShouldBe(before);
    }

    [Fact]
    public void A_receipt_of_a_product_not_on_the_transfer_names_the_line()
    {
        Dispatch();
        var command = new ReceiveTransfer(Send.Id, "east", Manager, [new ReceivedLine("RUL-30", 1)]);
        Should.Throw<ValidationException>(() => ReceiveTransfer.Decide(transfer, command, Now))
            .Errors["lines[0].sku"][0].ShouldStartWith("商品 RUL-30 不在调拨单");
    }

    private static Transfer? StateOf(Transfer? t, IEnumerable<object> events) => events.Aggregate(t, (s, e) => e switch
    {
        TransferDispatched d => Transfer.Create(d),
        TransferReceived r => s!.Apply(r),
        _ => s,
    });

    [Fact]
    public void Dispatching_takes_units_off_hand_here_and_puts_them_in_transit_there_and_receiving_lands_them()
    {
        var before = Total;

        Dispatch();
        main!.OnHand.ShouldBe(3);
        east!.OnHand.ShouldBe(3);
        east.InTransit.ShouldBe(7);
        Total.ShouldBe(before);

        Receive().ShouldHaveSingleItem().ShouldBe(new StockTransferredIn("east", "PEN-05", 7, 10, 0, Send.Id, "main", "clerk-east", Now));
        east!.InTransit.ShouldBe(0);
        Total.ShouldBe(before);
        transfer!.Status.ShouldBe(TransferStatus.Received);
    }

    [Fact]
    public void Stock_in_transit_counts_as_projected_at_the_receiving_branch_and_resolves_its_alert()
    {
        var inbound = DispatchTransfer.ExpectIn(east, Send, Pen, 7, Now);

        inbound[0].ShouldBe(new TransferInbound("east", "PEN-05", 7, 7, Send.Id, "main", Now));
        inbound[1].ShouldBe(new LowStockResolved("east", "PEN-05", 3, 0, 5, Now, 7));
    }

    [Fact]
    public void Sending_more_than_is_on_hand_is_refused()
    {
        Should.Throw<InsufficientStockException>(() => DispatchTransfer.TakeOut(main, Send, Pen, 11, Now));
    }

    [Fact]
    public void A_transfer_to_the_own_branch_is_refused()
    {
        Should.Throw<DomainException>(() => DispatchTransfer.Decide(null, Send with { ToBranch = "main" }, Now))
            .Code.ShouldBe("transfer-to-own-branch");
    }

    [Fact]
    public void Receiving_a_transfer_twice_is_refused()
    {
        Dispatch();
        Receive();

        Should.Throw<DomainException>(() => Receive()).Code.ShouldBe("transfer-already-received");
        east!.OnHand.ShouldBe(10);
    }

    [Fact]
    public void Only_the_receiving_branch_confirms()
    {
        Dispatch();

        Should.Throw<DomainException>(() => ReceiveTransfer.Decide(transfer, new ReceiveTransfer(Send.Id, "main", Manager), Now))
            .Code.ShouldBe("transfer-wrong-branch");
        Should.Throw<NotFoundException>(() => ReceiveTransfer.Decide(transfer, new ReceiveTransfer(Send.Id, "north", Manager), Now));
    }
}
