using Stationery.Contracts.Inventory;

namespace Stationery.Chat.Alerts;

/// <summary>
/// Every line the stock bot writes, in one place. zh-CN is the product's language; <c>Chat:BotLanguage = en</c> switches a
/// deployment to English. A new language is one more subclass.
/// </summary>
public abstract class StockBotTexts
{
    public abstract string BotName { get; }

    /// <summary>The alert, ending with an @mention of each name given.</summary>
    public abstract string LowStock(LowStockDetected alert, IReadOnlyList<string> mentionNames);

    public abstract string Restocked(ProductLabel product, int onHand, int reorderPoint);

    public static StockBotTexts For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? new English() : new Chinese();

    protected static string Mentions(IReadOnlyList<string> names) => string.Join(" ", names.Select(n => "@" + n));

    private sealed class Chinese : StockBotTexts
    {
        public override string BotName => "库存助手";

        public override string LowStock(LowStockDetected a, IReadOnlyList<string> mentionNames)
        {
            var product = new ProductLabel(a.ProductName, a.Spec, a.Unit).Name;
            var line = a.OnHand <= 0
                ? $"⛔ 缺货:{product} 已无库存(补货点 {a.ReorderPoint})"
                : $"⚠️ 低库存:{product} 剩余 {a.OnHand} {a.Unit}(补货点 {a.ReorderPoint})";
            return line + Mentions(mentionNames);
        }

        public override string Restocked(ProductLabel p, int onHand, int reorderPoint) =>
            $"✅ 已补货:{p.Name} 现有 {onHand} {p.Unit}(补货点 {reorderPoint})";
    }

    private sealed class English : StockBotTexts
    {
        public override string BotName => "Stock assistant";

        public override string LowStock(LowStockDetected a, IReadOnlyList<string> mentionNames)
        {
            var product = new ProductLabel(a.ProductName, a.Spec, a.Unit).Name;
            var line = a.OnHand <= 0
                ? $"⛔ Out of stock: {product} (reorder point {a.ReorderPoint}) "
                : $"⚠️ Low stock: {product}, {a.OnHand} {a.Unit} left (reorder point {a.ReorderPoint}) ";
            return (line + Mentions(mentionNames)).TrimEnd();
        }

        public override string Restocked(ProductLabel p, int onHand, int reorderPoint) =>
            $"✅ Restocked: {p.Name}, {onHand} {p.Unit} on hand (reorder point {reorderPoint})";
    }
}

/// <summary>How the bot names a product: 名称 and 规格型号, and its counting unit.</summary>
public sealed record ProductLabel(string ProductName, string Spec, string Unit)
{
    public string Name => string.IsNullOrWhiteSpace(Spec) ? ProductName : $"{ProductName} {Spec}";
}
