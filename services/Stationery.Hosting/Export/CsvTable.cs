using System.Globalization;
using System.Text;

namespace Stationery.Hosting.Export;

/// <summary>
/// A CSV download as Chinese shops open it in Excel: UTF-8 with a byte-order mark, CRLF rows, and text cells that start like
/// a formula (<c>= + - @</c>, tab, CR) prefixed with an apostrophe so a spreadsheet never runs them (numbers stay numbers).
/// Reporting's report CSV and Purchasing's timeline export both use it.
/// </summary>
public sealed class CsvTable
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly StringBuilder csv = new();

    public CsvTable Row(params IEnumerable<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(c => Cell(c ?? ""))).Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Money(decimal m) => m.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
