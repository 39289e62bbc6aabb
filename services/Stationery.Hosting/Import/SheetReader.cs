using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Csv;
using MiniExcelLibs.OpenXml;
using Stationery.Hosting.Errors;

namespace Stationery.Hosting.Import;

/// <summary>
/// Reads an uploaded <c>.xlsx</c> or <c>.csv</c> (MiniExcel) into cleaned rows, the one place every import kind reads a sheet.
/// It copes with what Excel and people do to a sheet: a title or a merged group header above the real header (the header
/// is the first of the top rows that names every required column), merged cells (filled), a header in Chinese, English or
/// both, numbers stored as text or as numbers, full-width digits and punctuation (<c>１２３</c>, <c>１２．５</c>), stray spaces,
/// blank rows, a CSV saved by Excel in GBK instead of UTF-8, and our own CSV's formula guard (a leading <c>'</c>).
/// A file it cannot read, or one without a required column, is a 400 naming <c>file</c> or the column.
/// </summary>
public static class SheetReader
{
    /// <summary>How many top rows may sit above the header (titles, notes, a merged group header).</summary>
    public const int HeaderSearchRows = 10;

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportSheet Read(byte[] content, string? fileName, IReadOnlyList<SheetColumn> columns, int maxRows)
    {
        var raw = ReadRaw(content, fileName);
        var (headerIndex, map) = FindHeader(raw, columns);

        var rows = new List<SheetRow>();
        for (var i = headerIndex + 1; i < raw.Count; i++)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, sources) in map)
            {
                var column = columns.First(c => c.Key == key);
                // A header merged over two columns maps both: the first non-blank cell under it is the row's value.
                cells[key] = sources.Select(s => Clean(raw[i].Cells.GetValueOrDefault(s), column.Kind)).FirstOrDefault(v => v.Length > 0) ?? "";
            }
            if (cells.Values.All(v => v.Length == 0)) continue;
            if (rows.Count == maxRows)
                throw Invalid("file", $"最多 {maxRows} 行数据，请分成几个文件导入 / must contain at most {maxRows} data rows: split the file");
            rows.Add(new SheetRow(raw[i].Number, cells));
        }
        return new ImportSheet(map.Keys.ToHashSet(StringComparer.Ordinal), rows);
    }

    private sealed record RawRow(int Number, IReadOnlyDictionary<string, object?> Cells);

    private static List<RawRow> ReadRaw(byte[] content, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var isZip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        var isOldExcel = content.Length >= 4 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0;
        if (isOldExcel || extension == ".xls")
            throw Invalid("file", "须为 .xlsx 或 .csv 文件，旧版 .xls 请在 Excel 中另存为 .xlsx / must be an .xlsx or .csv file: save an old .xls as .xlsx");
        if (!isZip && extension is not (".csv" or ".txt" or ""))
            throw Invalid("file", "须为 .xlsx 或 .csv 文件 / must be an .xlsx or .csv file");
        if (!isZip && Array.IndexOf(content, (byte)0) >= 0)
            throw Invalid("file", "不是可读的 .xlsx 或 .csv 文件 / is not a readable .xlsx or .csv file");

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            IEnumerable<dynamic> rows = isZip
                ? stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FillMergedCells = true })
                : stream.Query(useHeaderRow: false, excelType: ExcelType.CSV, configuration: new CsvConfiguration
                {
                    StreamReaderFunc = s => new StreamReader(s, CsvEncoding(content), detectEncodingFromByteOrderMarks: true),
                });
            var result = new List<RawRow>();
            var number = 0;
            foreach (IDictionary<string, object?> row in rows)
                result.Add(new RawRow(++number, new Dictionary<string, object?>(row)));
            return result;
        }
        catch (Exception e) when (e is not DomainException)
        {
            throw Invalid("file", $"不是可读的 {(isZip ? ".xlsx" : ".csv")} 文件 / is not a readable {(isZip ? ".xlsx" : ".csv")} file ({e.GetType().Name})");
        }
    }

    /// <summary>UTF-8 when the bytes are UTF-8 (with or without a byte-order mark); otherwise GB18030, as Excel in Chinese saves CSV.</summary>
    private static Encoding CsvEncoding(byte[] content)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }

    private static (int Index, Dictionary<string, List<string>> Map) FindHeader(List<RawRow> raw, IReadOnlyList<SheetColumn> columns)
    {
        (int Index, Dictionary<string, List<string>> Map)? best = null;
        for (var i = 0; i < Math.Min(HeaderSearchRows, raw.Count); i++)
        {
            var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (letter, value) in raw[i].Cells)
            {
                if (Match(Clean(value, CellKind.Text), columns) is not { } column) continue;
                if (!map.TryGetValue(column.Key, out var sources)) map[column.Key] = sources = [];
                sources.Add(letter);
            }
            if (map.Count == 0) continue;
            if (columns.Where(c => c.Required).All(c => map.ContainsKey(c.Key))) return (i, map);
            if (best is null || map.Count > best.Value.Map.Count) best = (i, map);
        }

        var found = best?.Map ?? [];
        var v = new Validation();
        foreach (var missing in columns.Where(c => c.Required && !found.ContainsKey(c.Key)))
            v.Add(missing.Key, $"缺少必需的列「{missing.Chinese}」(表头写 {missing.Chinese} 或 {missing.Key}) / the file has no {missing.Key} column: a header cell must read {missing.Chinese} or {missing.Key}");
        if (raw.Count == 0) v.Add("file", "文件是空的 / the file is empty");
        v.ThrowIfInvalid();
        throw Invalid("file", "找不到表头 / no header row found");
    }

    /// <summary>The column a header cell names: by its Chinese or English name, or both (商品编码(sku), 商品编码 sku, sku 商品编码).</summary>
    private static SheetColumn? Match(string header, IReadOnlyList<SheetColumn> columns)
    {
        var name = HeaderName(header);
        if (name.Length == 0) return null;
        var open = name.IndexOf('(');
        string[] parts =
        [
            name,
            open > 0 ? name[..open] : "",
            open > 0 ? name[(open + 1)..].TrimEnd(')') : "",
            new(name.Where(ch => ch > 127).ToArray()),
            new(name.Where(char.IsAsciiLetterOrDigit).ToArray()),
        ];
        return columns.FirstOrDefault(c => parts.Any(p => p.Length > 0 && (p == HeaderName(c.Chinese) || p == HeaderName(c.Key))));
    }

    private static string HeaderName(string header) =>
        new(header.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(ch => !char.IsWhiteSpace(ch) && ch is not '*' and not '_' and not '-').ToArray());

    /// <summary>A cell as text: numbers in invariant form without exponent, dates as yyyy-MM-dd, then cleaned for its kind.</summary>
    public static string Clean(object? value, CellKind kind)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            double d when Math.Abs(d) < 7.9e27 => ((decimal)d).ToString(CultureInfo.InvariantCulture),
            float f => ((decimal)f).ToString(CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        text = text.Replace("\u200B", "").Replace("\uFEFF", "").Trim();
        // Our CSV exports guard text that looks like a formula with an apostrophe (CsvTable): take it off again.
        if (text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@') text = text[1..];
        if (kind == CellKind.Text) return text;

        var ascii = new string(text.Normalize(NormalizationForm.FormKC).Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        if (kind == CellKind.Number)
        {
            ascii = ascii.Replace(",", "");
            if (ascii.StartsWith('¥')) ascii = ascii[1..];
        }
        return ascii;
    }

    private static ValidationException Invalid(string field, string rule) =>
        new(new Dictionary<string, string[]> { [field] = [rule] });
}
