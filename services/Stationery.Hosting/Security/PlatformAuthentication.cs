using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Stationery.Hosting.Security;

public static class PlatformAuthentication
{
    /// <summary>
    /// JWT bearer validation, used by the gateway and again by every service (defence in depth).
    /// Every endpoint needs an authenticated caller with a tenant unless it says <c>AllowAnonymous</c>.
    /// </summary>
    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = settings.ValidationParameters();
                o.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSocket requests: SignalR sends the token in the query string.
                    OnMessageReceived = ctx =>
                    {
                        var token = ctx.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && ctx.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                            ctx.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.Tenant)
                .Build());
        return services;
    }
}
