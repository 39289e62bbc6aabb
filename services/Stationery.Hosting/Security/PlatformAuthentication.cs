using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stationery.Hosting.Security;

public static class PlatformAuthentication
{
    /// <summary>
    /// JWT bearer validation (ES256), used by the gateway and again by every service (defence in depth). The keys come
    /// from, in this order: Identity's own signing keys (<c>Jwt:SigningKeys</c>, Identity only), an inline JWKS
    /// (<c>Jwt:Jwks</c>), or Identity's discovery document (<c>Jwt:Authority</c>): fetched at start, cached, and fetched
    /// again when a token names a <c>kid</c> the cache does not hold (a rotation), by Microsoft.IdentityModel's
    /// <c>ConfigurationManager</c>. Without any of them the process refuses to start.
    /// Every endpoint needs an authenticated caller with a tenant unless it says <c>AllowAnonymous</c>.
    /// </summary>
    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        services.AddSingleton(settings);
        var parameters = settings.ValidationParameters();
        string? metadata = null;
        if (settings.SigningKeys.Any(k => !string.IsNullOrWhiteSpace(k)))
            parameters.IssuerSigningKeys = SigningKeys.LoadPrivate(settings);
        else if (!string.IsNullOrWhiteSpace(settings.Jwks))
            parameters.IssuerSigningKeys = SigningKeys.FromJwks(settings.Jwks);
        else if (!string.IsNullOrWhiteSpace(settings.Authority))
            metadata = settings.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
        else
            throw new MissingKeyException(
                "No token verification keys: set Jwt:Authority (Identity's address, environment Jwt__Authority) to fetch its JWKS, " +
                "or Jwt:Jwks to a JWKS document (JSON or a file path). Identity itself needs Jwt:SigningKeys:0. " + SigningKeys.HowToMakeOne);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = parameters;
                if (metadata is not null)
                {
                    o.MetadataAddress = metadata;
                    // Identity is reached on the platform's internal network (loopback, compose network), not over TLS.
                    o.RequireHttpsMetadata = false;
                    // A token with an unknown kid asks for the JWKS again at most this often (a garbage kid cannot hammer Identity).
                    o.RefreshInterval = TimeSpan.FromSeconds(30);
                }
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
        if (metadata is not null) services.AddHostedService<VerificationKeysAtStart>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.Tenant)
                .Build());
        return services;
    }

    /// <summary>
    /// Fetches Identity's keys at start, in the background, so no request waits on Identity in the normal case. While
    /// Identity is not up yet it tries again every 2 s (and a request may fetch them first), so start order is free.
    /// </summary>
    private sealed class VerificationKeysAtStart(IOptionsMonitor<JwtBearerOptions> options, ILogger<VerificationKeysAtStart> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var manager = options.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
            if (manager is null) return;
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    var configuration = await manager.GetConfigurationAsync(stoppingToken);
                    log.LogInformation("Token verification keys loaded: {Kids}", string.Join(", ", configuration.SigningKeys.Select(k => k.KeyId)));
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (attempt == 1) log.LogWarning("Identity's keys could not be fetched yet ({Message}); trying again.", e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
    }
}
