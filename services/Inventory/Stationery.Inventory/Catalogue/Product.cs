namespace Stationery.Inventory.Catalogue;

/// <summary>A product joined the chain's catalogue. First event of the stream <c>product:{sku}</c>.</summary>
public sealed record ProductRegistered(string Sku, string Name, string Spec, string Brand, string Category, string Unit,
    string? Barcode, decimal RetailPrice, int PackSize, string By, DateTimeOffset At);

/// <summary>The product's details were changed; the event carries all of them (as registration does).</summary>
public sealed record ProductUpdated(string Sku, string Name, string Spec, string Brand, string Category, string Unit,
    string? Barcode, decimal RetailPrice, int PackSize, string By, DateTimeOffset At);

/// <summary>停售: the chain no longer carries the product; what is on the shelf can still be sold.</summary>
public sealed record ProductDiscontinued(string Sku, string? Reason, string By, DateTimeOffset At);

/// <summary>
/// A catalogue entry (商品), the inline projection of its product stream. Stock streams copy the facts they need from it
/// when they open (<see cref="Stock.ProductFacts"/>), so deciders never load documents.
/// </summary>
public sealed record Product(string Id, string Sku, string Name, string Spec, string Brand, string Category, string Unit,
    string? Barcode, decimal RetailPrice, int PackSize, DateTimeOffset RegisteredAt, bool Discontinued = false)
{
    public static string StreamId(string sku) => $"product:{sku}";

    public static Product Create(ProductRegistered e) =>
        new(StreamId(e.Sku), e.Sku, e.Name, e.Spec, e.Brand, e.Category, e.Unit, e.Barcode, e.RetailPrice, e.PackSize, e.At);

    public Product Apply(ProductUpdated e) => this with
    {
        Name = e.Name, Spec = e.Spec, Brand = e.Brand, Category = e.Category, Unit = e.Unit, Barcode = e.Barcode,
        RetailPrice = e.RetailPrice, PackSize = e.PackSize,
    };

    public Product Apply(ProductDiscontinued e) => this with { Discontinued = true };
}

/// <summary>EAN-13 (the barcode on nearly every stationery item sold in China, prefix 690–699).</summary>
public static class Ean13
{
    public static bool IsValid(string code)
    {
        if (code.Length != 13 || !code.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 12; i++)
            sum += (code[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return (10 - sum % 10) % 10 == code[12] - '0';
    }
}
