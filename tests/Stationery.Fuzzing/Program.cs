using System.Globalization;
using Stationery.Fuzzing;

// ./stationery fuzz [inputs]: a million generated messages through Chat's parsers by default.
var inputs = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var report = ChatTextFuzz.Run(inputs, TimeSpan.FromSeconds(1));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"chat parsers: {report.Inputs:N0} inputs (up to {ChatTextFuzz.MaxLength:N0} characters) in {report.Elapsed.TotalSeconds:F0} s, " +
    $"no exception; slowest input {report.Slowest.TotalMilliseconds:F2} ms ({report.SlowestLength:N0} characters)"));
