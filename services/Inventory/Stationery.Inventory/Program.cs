using Stationery.Hosting;
using Stationery.Inventory;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("inventory", typeof(InventoryService).Assembly);
builder.AddInventory();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapInventoryApi();
await app.RunPlatformAsync(args);
