using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Stationery.Testing;

/// <summary>Hand-made spreadsheets for import specs, the upload that carries them, and reading an import's report.</summary>
public static class Sheets
{
    /// <summary>A sheet written cell by cell (MiniExcel, no header of its own): strings stay text cells, doubles become numbers.</summary>
    public static byte[] Xlsx(params object?[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var sheet = rows.Select(r => Enumerable.Range(0, width).ToDictionary(i => $"c{i:D2}", i => i < r.Length ? r[i] : null)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A UTF-8 CSV with a byte-order mark, as Excel saves "CSV UTF-8".</summary>
    public static byte[] Csv(params string[] lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines))];

    /// <summary>The multipart form an import route reads (field <c>file</c>).</summary>
    public static MultipartFormDataContent Upload(byte[] content, string name)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    /// <summary>The rows of a downloaded .xlsx (template or export) as text, header row first.</summary>
    public static List<string[]> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
    }

    /// <summary>The import's answer; anything but 200 fails with the body.</summary>
    public static async Task<JsonElement> ReportAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 200) throw new InvalidOperationException($"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] Verdicts(JsonElement report) =>
        report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("verdict").GetString()!).ToArray();

    public static JsonElement Row(JsonElement report, int row) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row);

    /// <summary>The first problem of a row on a column (its message, Chinese first).</summary>
    public static string Problem(JsonElement report, int row, string column) =>
        Row(report, row).GetProperty("problems").EnumerateArray().First(p => p.GetProperty("column").GetString() == column)
            .GetProperty("message").GetString()!;
}
