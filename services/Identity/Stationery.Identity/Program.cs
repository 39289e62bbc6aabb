using Stationery.Hosting;
using Stationery.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("identity", typeof(IdentityService).Assembly);
builder.AddStationeryIdentity();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapStationeryIdentityApi();
await app.RunPlatformAsync(args);
