using Stationery.Hosting;
using Stationery.Purchasing;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("purchasing", typeof(PurchasingService).Assembly);
builder.AddPurchasing();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapPurchasingApi();
await app.RunPlatformAsync(args);
