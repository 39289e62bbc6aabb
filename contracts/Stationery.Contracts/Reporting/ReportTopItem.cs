namespace Stationery.Contracts.Reporting;

/// <summary>One best seller of a report period.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Name">名称 and 规格型号 as the catalogue names them, e.g. 晨光中性笔 0.5 黑.</param>
/// <param name="Quantity">Units sold in the period.</param>
/// <param name="Unit">Counting unit, e.g. 支.</param>
/// <param name="Revenue">Sales in yuan in the period.</param>
public sealed record ReportTopItem(string Sku, string Name, int Quantity, string Unit, decimal Revenue);
