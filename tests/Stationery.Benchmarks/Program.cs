using Stationery.Benchmarks;

// Each benchmark runs our path and a raw baseline alternately in the same process against the same servers,
// and prints the median ratio. Run with ./stationery bench [reps] [--rebuild-events N] [--only name,…]
// [--clients 100,500,1000] [--messages N] [--posters N] (the fan-out benchmark's connected clients, messages per repetition
// and concurrent posters) [--stocktake-skus N] (the stocktake benchmark's products, 5 counts each; default 400).
var reps = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
var rebuildEvents = Option("--rebuild-events") is { } n ? int.Parse(n) : 1_000_000;
var only = Option("--only")?.Split(',') ?? ["append", "hop", "sales", "rebuild", "fanout", "import", "stocktake"];
var clients = Option("--clients")?.Split(',').Select(int.Parse).ToArray() ?? [100, 500, 1_000];
var messages = Option("--messages") is { } m ? int.Parse(m) : 200;
var posters = Option("--posters") is { } p ? int.Parse(p) : 4;
// The stocktake is 2,000 products (10,000 counts); on the loaded 2-core machine that takes far over 5 minutes, so
// the default is 400 (2,000 counts, about 4 minutes): --stocktake-skus 2000 runs the size.
var stocktakeSkus = Option("--stocktake-skus") is { } k ? int.Parse(k) : 400;
Console.WriteLine($"Stationery benchmarks — {reps} alternating repetitions each, median of ratios (ours ÷ raw; lower is closer to raw)");
if (only.Contains("append")) await AppendBenchmark.RunAsync(reps);
if (only.Contains("hop")) await MessageHopBenchmark.RunAsync(reps);
if (only.Contains("sales")) await InventoryBenchmark.RunSalesAsync(reps);
// A rebuild of a million events takes minutes on a small machine: fewer repetitions.
if (only.Contains("rebuild")) await InventoryBenchmark.RunRebuildAsync(Math.Min(reps, 3), rebuildEvents);
if (only.Contains("fanout")) await FanOutBenchmark.RunAsync(reps, clients, messages, posters);
// 10,000 rows per repetition: three are enough for a median.
if (only.Contains("import")) await ImportBenchmark.RunAsync(Math.Min(reps, 3));
// One stocktake (not repeated): its own figures, against raw in the same run.
if (only.Contains("stocktake")) await StocktakeBenchmark.RunAsync(stocktakeSkus);

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
