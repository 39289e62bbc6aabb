namespace Stationery.Hosting.Import;

/// <summary>
/// One data row of an uploaded sheet: its row number as the spreadsheet shows it (the header is row 1 unless a title sits
/// above it) and its cleaned cells by column key. A column the file does not have reads as missing, a blank cell as "".
/// </summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The cleaned cell, "" when blank, null when the file has no such column.</summary>
    public string? this[string key] => Cells.TryGetValue(key, out var value) ? value : null;

    /// <summary>True when the file has the column and this row's cell is not blank.</summary>
    public bool Has(string key) => !string.IsNullOrEmpty(this[key]);
}

/// <summary>A sheet read and cleaned: the columns the header named (by key) and the non-blank rows under it.</summary>
public sealed record ImportSheet(IReadOnlySet<string> Columns, IReadOnlyList<SheetRow> Rows);
