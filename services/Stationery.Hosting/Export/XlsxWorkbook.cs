using MiniExcelLibs;

namespace Stationery.Hosting.Export;

/// <summary>
/// An <c>.xlsx</c> download of one or more sheets, each a header row and typed cells (numbers stay numbers, dates dates),
/// written by MiniExcel. Cells are written as values, never as formulas, so text like <c>=1+1</c> stays text.
/// The counterpart of <see cref="CsvTable"/> for those who open the file in Excel or WPS.
/// </summary>
public sealed class XlsxWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly Dictionary<string, object> sheets = new(StringComparer.Ordinal);

    /// <summary>Adds a sheet: <paramref name="header"/> names the columns, each row gives one cell per column (null: empty).</summary>
    public XlsxWorkbook Sheet(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var table = new List<Dictionary<string, object?>>();
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new ArgumentException($"Sheet '{name}': a row has {row.Count} cells for {header.Count} columns.", nameof(rows));
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) cells[header[i]] = row[i];
            table.Add(cells);
        }
        // Without rows MiniExcel would write no header either: one empty row keeps the columns readable.
        if (table.Count == 0) table.Add(header.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        sheets[name] = table;
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
