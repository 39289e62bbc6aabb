using ScottPlot;

namespace Stationery.Reporting.Reports;

/// <summary>
/// The reports' bar chart of revenue per day, as PNG (ScottPlot on SkiaSharp's self-contained native build). That build does
/// not ask fontconfig for fonts, so a CJK font file is loaded by path (<c>Reporting:ChartFont</c>, else the usual Debian
/// locations); without one the labels fall back to English rather than empty boxes.
/// </summary>
public sealed class RevenueChart
{
    public const string ContentType = "image/png";
    private const string FontName = "StationeryReportCjk";

    private static readonly string[] KnownFonts =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    ];

    private static readonly Lock FontLock = new();
    private readonly bool chinese;

    public RevenueChart(IConfiguration config, ILogger<RevenueChart> log)
    {
        var file = new[] { config["Reporting:ChartFont"] }.Concat(KnownFonts).FirstOrDefault(f => !string.IsNullOrEmpty(f) && File.Exists(f));
        if (file is not null)
        {
            lock (FontLock) Fonts.AddFontFile(FontName, file);
            chinese = true;
        }
        else
        {
            log.LogWarning("No CJK font found for report charts (set Reporting:ChartFont); chart labels will be in English");
        }
    }

    /// <summary>One bar per day; the last (the report's day or the week's Sunday) stands out.</summary>
    public byte[] Render(string branchName, string branch, string period, IReadOnlyList<DaySales> days, bool highlightLast)
    {
        var plot = new Plot();
        var bars = days.Select((d, i) => new Bar
        {
            Position = i,
            Value = (double)d.Revenue,
            FillColor = highlightLast && i == days.Count - 1 ? Colors.OrangeRed : Colors.SteelBlue,
            Label = d.Revenue > 0 ? d.Revenue.ToString("0") : "",
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.SetTicks([.. days.Select((_, i) => (double)i)], [.. days.Select(d => d.Date.ToString("M/d"))]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        if (chinese)
        {
            plot.Font.Set(FontName);
            series.ValueLabelStyle.FontName = FontName;
            plot.Title($"{branchName} 营业额 · {period}");
            plot.YLabel("元");
        }
        else
        {
            plot.Title($"{branch} revenue · {period}");
            plot.YLabel("CNY");
        }
        return plot.GetImageBytes(900, 420, ImageFormat.Png);
    }
}
