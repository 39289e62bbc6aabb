using Stationery.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.Run();

/// <summary>Marker for tests (<c>WebApplicationFactory&lt;GatewayMarker&gt;</c>).</summary>
public sealed partial class Program;
