using Stationery.Chat;
using Stationery.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("chat", typeof(ChatService).Assembly);
builder.AddChat();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapChatApi();
await app.RunPlatformAsync(args);
