using System.Globalization;

namespace Stationery.Hosting.Import;

/// <summary>
/// A row's verdict: <c>new</c> (would be or was created), <c>changed</c>, <c>unchanged</c> (nothing to do: importing the same
/// file again changes nothing) or <c>error</c> (refused, with its problems; the rest of the file is still applied).
/// </summary>
public static class RowVerdict
{
    public const string New = "new";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
    public const string Error = "error";
}

/// <summary>One problem of a row: the column key, its Chinese header and the rule, Chinese first then English.</summary>
public sealed record RowProblem(string Column, string Header, string Message);

/// <summary>A row of the preview or the summary: its spreadsheet row number, its key (the sku), the verdict, and whether it was applied.</summary>
public sealed record ImportRow(int Row, string Key, string Verdict, IReadOnlyList<RowProblem> Problems, bool Applied, IReadOnlyList<string>? Notes = null);

/// <summary>
/// What an import answers: the dry run's preview (<see cref="DryRun"/> true, nothing applied) or the apply's summary —
/// every row's verdict, the counts, and which rows were applied and which refused.
/// </summary>
public sealed record ImportReport(string Kind, bool DryRun, int Total, int New, int Changed, int Unchanged, int Errors, int Applied,
    IReadOnlyList<int> AppliedRows, IReadOnlyList<int> RefusedRows, IReadOnlyList<ImportRow> Rows)
{
    public static ImportReport Of(string kind, bool dryRun, IReadOnlyList<ImportRow> rows) => new(kind, dryRun, rows.Count,
        rows.Count(r => r.Verdict == RowVerdict.New), rows.Count(r => r.Verdict == RowVerdict.Changed),
        rows.Count(r => r.Verdict == RowVerdict.Unchanged), rows.Count(r => r.Verdict == RowVerdict.Error),
        rows.Count(r => r.Applied), rows.Where(r => r.Applied).Select(r => r.Row).ToList(),
        rows.Where(r => r.Verdict == RowVerdict.Error).Select(r => r.Row).ToList(), rows);
}

/// <summary>Collects a row's problems against the kind's columns (so each names its column and header).</summary>
public sealed class RowProblems(IReadOnlyList<SheetColumn> columns)
{
    private readonly List<RowProblem> problems = [];

    public IReadOnlyList<RowProblem> List => problems;

    public bool Any => problems.Count > 0;

    public void Add(string column, string message)
    {
        var chinese = columns.FirstOrDefault(c => c.Key == column)?.Chinese ?? column;
        problems.Add(new RowProblem(column, chinese, message));
    }

    /// <summary>The key is on more than one row of the file: each of those rows gets this problem, naming them all.</summary>
    public void Duplicate(string column, string key, IReadOnlyList<int> rows)
    {
        var chinese = columns.FirstOrDefault(c => c.Key == column)?.Chinese ?? column;
        Add(column, $"{chinese} {key} 在文件中重复出现(第 {string.Join("、", rows)} 行) / {column} '{key}' appears more than once in the file (rows {string.Join(", ", rows)})");
    }

    /// <summary>A field error of the service's own validation, said Chinese first (<see cref="Errors.FieldRules"/>).</summary>
    public void AddAll(IDictionary<string, string[]> errors)
    {
        foreach (var (field, rules) in Errors.FieldRules.ChineseFirst(errors))
            foreach (var rule in rules) Add(field, rule);
    }

    /// <summary>The cell as a number (null when blank); a cell that is not one is this row's problem.</summary>
    public decimal? Decimal(SheetRow row, string key)
    {
        if (!row.Has(key)) return null;
        if (decimal.TryParse(row[key], NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        Add(key, $"「{row[key]}」不是数字 / '{row[key]}' is not a number");
        return null;
    }

    /// <summary>The cell as a whole number (12 and 12.0 are; 12.5 is not; null when blank); otherwise this row's problem.</summary>
    public int? Whole(SheetRow row, string key)
    {
        if (!row.Has(key)) return null;
        if (decimal.TryParse(row[key], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value)
            && value is >= int.MinValue and <= int.MaxValue)
            return (int)value;
        Add(key, $"「{row[key]}」不是整数 / '{row[key]}' is not a whole number");
        return null;
    }
}
