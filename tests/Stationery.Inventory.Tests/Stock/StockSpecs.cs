using Stationery.Inventory.Stock;
using Stationery.Inventory.Stock.Adjusting;
using Stationery.Inventory.Stock.Ordering;
using Stationery.Inventory.Stock.Receiving;
using Stationery.Inventory.Stock.Reordering;
using Stationery.Inventory.Stock.Selling;

namespace Stationery.Inventory.Tests.Stock;

/// <summary>Given events, when a command, then events — the stock stream's business rules without I/O.</summary>
public abstract class StockSpecs
{
    protected const string Branch = "main";
    protected static readonly DateTimeOffset Now = new(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
    protected static readonly ProductFacts Highlighter = new("HL-Y", "晨光荧光笔", "黄色", "支", "笔类", 6);
    protected static readonly Recorder Clerk = new("clerk", "api");

    private readonly List<object> history = [];

    protected StockItem? State => StockStream.Replay(null, history);

    protected void Given(params IEnumerable<object> events) => history.AddRange(events);

    /// <summary>Runs a decider on the current history and appends what it decided, as the store would.</summary>
    protected IReadOnlyList<object> When(Func<StockItem?, IReadOnlyList<object>> decide)
    {
        var events = decide(State);
        history.AddRange(events);
        return events;
    }

    protected static StockItemOpened Opened() =>
        new(Branch, Highlighter.Sku, Highlighter.Name, Highlighter.Spec, Highlighter.Unit, Highlighter.Category, Highlighter.PackSize, Now);

    protected static IReadOnlyList<object> Receive(StockItem? s, int quantity, string reference = "R-1") =>
        ReceiveStock.Decide(s, new ReceiveStock(Branch, Highlighter, quantity, reference, Clerk), Now);

    protected static IReadOnlyList<object> Sell(StockItem? s, int quantity, string reference = "S-1") =>
        RecordSale.Decide(s, new RecordSale(Branch, Highlighter, quantity, 3.5m, reference, Now, Clerk), Now);

    protected static IReadOnlyList<object> Adjust(StockItem? s, int delta, AdjustmentReason reason) =>
        AdjustStock.Decide(s, new AdjustStock(Branch, Highlighter, delta, reason, "碰坏", Clerk), Now);

    protected static IReadOnlyList<object> Order(StockItem? s, string order, int outstanding, OrderStage stage) =>
        TrackOnOrder.Decide(s, new TrackOnOrder(Branch, Highlighter, order, outstanding, stage), Now);

    protected static IReadOnlyList<object> ReceiveOrder(StockItem? s, string order, int quantity, int outstandingAfter) =>
        ReceivePurchaseOrderGoods.Decide(s, new ReceivePurchaseOrderGoods(
            new ReceiveStock(Branch, Highlighter, quantity, order, new Recorder("李店长", "purchase-order:R1")),
            new TrackOnOrder(Branch, Highlighter, order, outstandingAfter, OrderStage.Received)), Now);

    protected static IReadOnlyList<object> Policy(StockItem? s, int? reorderPoint, int? maxLevel = null) =>
        SetReorderPolicy.Decide(s, new SetReorderPolicy(Branch, Highlighter, new ReorderPolicy(reorderPoint, maxLevel, null, null), Clerk), Now);
}
