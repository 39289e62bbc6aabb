namespace Stationery.Hosting.Import;

/// <summary>How a column's cells are cleaned before a service reads them.</summary>
public enum CellKind
{
    /// <summary>Names and descriptions: trimmed (full-width spaces too), otherwise kept as typed, so an export round-trips.</summary>
    Text,

    /// <summary>Codes (sku, barcode): full-width letters and digits made ASCII (NFKC), spaces removed.</summary>
    Code,

    /// <summary>Figures: as <see cref="Code"/>, and thousands separators and a leading ¥ removed.</summary>
    Number,
}

/// <summary>
/// One column of an import kind: its English key (the API's field name, the problem's <c>column</c>), its Chinese header, whether
/// every file must have it, and how its cells are cleaned. A header cell matches by either name, or by both written together
/// as the templates write them (<c>商品编码(sku)</c>).
/// </summary>
public sealed record SheetColumn(string Key, string Chinese, bool Required = false, CellKind Kind = CellKind.Text)
{
    /// <summary>The header the templates and exports write: Chinese first, the English key after it.</summary>
    public string Header => $"{Chinese}({Key})";
}
