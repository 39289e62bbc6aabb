namespace Stationery.Contracts.Reporting;

/// <summary>A stocktake (盘点) completed on a report's day, with its accuracy (values at retail price, which every role may see).</summary>
/// <param name="StocktakeId">Its number, e.g. <c>ST-20261203-3F9A1C</c>.</param>
/// <param name="Kind"><c>full</c> or <c>cycle</c>.</param>
/// <param name="SkusCounted">Products counted.</param>
/// <param name="VarianceUnits">Σ |variance| in units.</param>
/// <param name="AccuracyUnits">1 − Σ|variance| ÷ Σ expected, in units.</param>
/// <param name="AccuracyValue">The same in value at retail price.</param>
/// <param name="Adjustments">Adjustments booked on completion.</param>
public sealed record ReportStocktake(string StocktakeId, string Kind, int SkusCounted, int VarianceUnits, decimal AccuracyUnits,
    decimal AccuracyValue, int Adjustments);
