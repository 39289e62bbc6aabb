using Stationery.Hosting;
using Stationery.Reporting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("reporting", typeof(ReportingService).Assembly);
builder.AddReporting();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapReportingApi();
await app.RunPlatformAsync(args);
