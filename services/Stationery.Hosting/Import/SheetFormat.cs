using MiniExcelLibs;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Export;

namespace Stationery.Hosting.Import;

/// <summary>
/// Writes a kind's template or export in the shape its import reads back (the same headers, Chinese then the key), as
/// <c>.xlsx</c> (MiniExcel) or <c>.csv</c> (<see cref="CsvTable"/>). Codes are written as text so Excel keeps a barcode's
/// digits instead of showing 6.92E+12; figures as numbers.
/// </summary>
public static class SheetFormat
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"xlsx" (the default) or "csv"; anything else is a 400 naming <c>format</c>.</summary>
    public static string Parse(string? format)
    {
        var f = string.IsNullOrWhiteSpace(format) ? "xlsx" : format.Trim().ToLowerInvariant();
        new Validation().Require(f is "xlsx" or "csv", "format", "must be one of xlsx, csv").ThrowIfInvalid();
        return f;
    }

    /// <summary>A template or export as a download named <paramref name="name"/> with the format's extension.</summary>
    public static Microsoft.AspNetCore.Http.IResult Download(string? format, IReadOnlyList<SheetColumn> columns, string name,
        IEnumerable<IReadOnlyList<object?>> rows)
    {
        var f = Parse(format);
        var (content, type) = Write(f, columns, rows);
        return Microsoft.AspNetCore.Http.TypedResults.File(content, type, $"{name}.{f}");
    }

    public static (byte[] Content, string ContentType) Write(string format, IReadOnlyList<SheetColumn> columns,
        IEnumerable<IReadOnlyList<object?>> rows)
    {
        if (format == "csv")
        {
            var csv = new CsvTable().Row(columns.Select(c => c.Header));
            foreach (var row in rows) csv.Row(row.Select(v => v switch
            {
                null => "",
                // A quote's cost has up to 4 decimals: written as they are, so an export imports back to the same figure.
                decimal m => m.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture),
                int n => CsvTable.Number(n),
                _ => v.ToString(),
            }));
            return (csv.ToBytes(), CsvTable.ContentType);
        }

        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++) cells[columns[i].Header] = i < row.Count ? row[i] : null;
            return cells;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(columns.ToDictionary(c => c.Header, _ => (object?)null));
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, sheetName: "Sheet1", excelType: ExcelType.XLSX);
        return (stream.ToArray(), XlsxContentType);
    }
}
