using Stationery.Chat.Catalogue;

namespace Stationery.Chat.Bridge;

/// <summary>Which catalogue product a report means: exactly one, several to choose from, or none (then it was just chat).</summary>
public abstract record ProductMatch
{
    public sealed record One(CatalogueItem Product) : ProductMatch;

    public sealed record Several(IReadOnlyList<CatalogueItem> Candidates) : ProductMatch;

    public sealed record None : ProductMatch;
}

public static class ProductMatcher
{
    /// <summary>
    /// House format: the name as written (or contained in a product's name) and the spec. Free text: products whose name the
    /// sentence contains, the longest name winning (晨光荧光笔 over 荧光笔), then narrowed by a spec the sentence contains.
    /// </summary>
    public static ProductMatch Find(StockReport report, IReadOnlyList<CatalogueItem> catalogue)
    {
        var written = Squash(report.Product);
        var byName = report.Format == ReportFormat.House
            ? catalogue.Where(p => Squash(p.Name) == written).ToList() is { Count: > 0 } exact
                ? exact
                : catalogue.Where(p => Squash(p.Name).Contains(written, StringComparison.OrdinalIgnoreCase)).ToList()
            : Longest(catalogue.Where(p => p.Name.Length > 0 && written.Contains(Squash(p.Name), StringComparison.OrdinalIgnoreCase)).ToList());
        if (byName.Count == 0) return new ProductMatch.None();

        var spec = report.Spec is null ? written : Squash(report.Spec);
        var bySpec = byName.Where(p => p.Spec.Length > 0 && (report.Spec is null
            ? spec.Contains(Squash(p.Spec), StringComparison.OrdinalIgnoreCase)
            : Squash(p.Spec).Equals(spec, StringComparison.OrdinalIgnoreCase))).ToList();
        var candidates = bySpec.Count > 0 ? bySpec : byName;
        return candidates.Count == 1 ? new ProductMatch.One(candidates[0]) : new ProductMatch.Several([.. candidates.OrderBy(p => p.Id, StringComparer.Ordinal)]);
    }

    private static List<CatalogueItem> Longest(List<CatalogueItem> matches)
    {
        if (matches.Count == 0) return matches;
        var longest = matches.Max(p => Squash(p.Name).Length);
        return [.. matches.Where(p => Squash(p.Name).Length == longest)];
    }

    private static string Squash(string s) => StockReportParser.Normalize(s).Replace(" ", "", StringComparison.Ordinal);
}
