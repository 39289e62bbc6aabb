using Stationery.Benchmarks;

// Each benchmark runs our path and a raw baseline alternately in the same process against the same servers,
// and prints the median ratio. Run with ./stationery bench.
var reps = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
Console.WriteLine($"Stationery benchmarks — {reps} alternating repetitions each, median of ratios (ours ÷ raw; lower is closer to raw)");
await AppendBenchmark.RunAsync(reps);
await MessageHopBenchmark.RunAsync(reps);
