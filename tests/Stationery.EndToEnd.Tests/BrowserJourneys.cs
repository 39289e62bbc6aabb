using System.Diagnostics;
using Shouldly;
using Stationery.Testing;

namespace Stationery.EndToEnd.Tests;

/// <summary>
/// The web app in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) against the real platform this
/// collection started: each spec file under gateway/web/e2e is one test here. Screenshots land in
/// .stationery/test-results/screenshots.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BrowserJourneys(PlatformProcesses platform)
{
    [Theory]
    [InlineData("owner.spec.ts")]
    [InlineData("owner-reply.spec.ts")]
    [InlineData("owner-alert.spec.ts")]
    [InlineData("clerk.spec.ts")]
    [InlineData("supplier.spec.ts")]
    [InlineData("admin.spec.ts")]
    [InlineData("transfer.spec.ts")]
    [InlineData("import.spec.ts")]
    [InlineData("import-staff.spec.ts")]
    [InlineData("suppliers.spec.ts")]
    [InlineData("conversations.spec.ts")]
    [InlineData("reports.spec.ts")]
    [InlineData("stocktake.spec.ts")]
    public async Task Browser_journey_passes_in_headless_chromium(string spec)
    {
        var web = Path.Combine(PlatformProcesses.RepositoryRoot(), "gateway", "web");
        File.Exists(Path.Combine(web, "node_modules", ".bin", "vitest"))
            .ShouldBeTrue("gateway/web/node_modules is missing: ./stationery test runs npm ci before the .NET tests");
        File.Exists("/usr/bin/chromium").ShouldBeTrue("Chromium is missing: ./stationery test installs Debian's chromium");

        var info = new ProcessStartInfo(Path.Combine(web, "node_modules", ".bin", "vitest"),
            ["run", "--config", "vitest.e2e.config.ts", $"e2e/{spec}"])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["STATIONERY_URL"] = platform.Gateway.ToString().TrimEnd('/');
        info.Environment["STATIONERY_ARTIFACTS"] = Path.Combine(PlatformProcesses.RepositoryRoot(), ".stationery", "test-results", "screenshots");
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"{spec} failed:\n{await output}\n{await error}");
    }

    [Fact]
    public void Every_browser_spec_in_the_web_app_is_run_here()
    {
        var listed = typeof(BrowserJourneys).GetMethod(nameof(Browser_journey_passes_in_headless_chromium))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).Order();
        var files = Directory.GetFiles(Path.Combine(PlatformProcesses.RepositoryRoot(), "gateway", "web", "e2e"), "*.spec.ts")
            .Select(Path.GetFileName).Order();
        listed.ShouldBe(files!);
    }
}
