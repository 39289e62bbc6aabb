using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Gateway;

/// <summary>
/// The stateless front door: validates tokens (services validate them again), rate-limits, forwards
/// <c>/api/&lt;service&gt;/**</c> and the chat hub with YARP, serves every service's OpenAPI document with one browsable UI,
/// and serves the web app.
/// </summary>
public static class GatewayModule
{
    public static readonly string[] Services = ["identity", "inventory", "purchasing", "chat", "reporting"];

    /// <summary>Attachments are the largest legitimate bodies; anything larger is refused with 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 12 * 1024 * 1024;

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var port = Environment.GetEnvironmentVariable("STATIONERY_PORT");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
            builder.WebHost.UseUrls($"http://127.0.0.1:{(string.IsNullOrEmpty(port) ? "8080" : port)}");
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var services = builder.Services;
        services.AddPlatformAuthentication(builder.Configuration);
        services.AddPlatformProblemDetails();
        services.AddGatewayRateLimits(builder.Configuration);
        services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins(builder.Configuration.GetSection("Gateway:Cors:Origins").Get<string[]>() ?? [])
            .AllowAnyHeader().AllowAnyMethod().AllowCredentials()));
        services.AddHealthChecks();
        services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.Use(RefuseOversizedBodies);

        var webRoot = WebRoot(app);
        if (webRoot is not null)
        {
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webRoot });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = webRoot });
        }

        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live").AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapScalarApiReference("/openapi", o =>
        {
            o.Title = "Stationery Platform API";
            foreach (var service in Services)
                o.AddDocument(service, service, $"/openapi/{service}.json");
        }).AllowAnonymous();
        app.MapReverseProxy();
        if (webRoot is not null)
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = webRoot }).AllowAnonymous();
        return app;
    }

    private static IFileProvider? WebRoot(WebApplication app)
    {
        var configured = app.Configuration["Gateway:WebRoot"];
        if (string.IsNullOrEmpty(configured)) return null;
        var path = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, configured));
        return Directory.Exists(path) ? new PhysicalFileProvider(path) : null;
    }

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(self), microphone=()";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            // Answers carry tokens, cost data and a chain's stock: no browser or proxy cache keeps them.
            // A service that chose a caching rule (an immutable attachment: private) keeps it.
            http.Response.OnStarting(() =>
            {
                if (string.IsNullOrEmpty(http.Response.Headers.CacheControl))
                {
                    http.Response.Headers.CacheControl = "no-store";
                    http.Response.Headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
        }
        return next();
    }

    /// <summary>
    /// A declared body over the limit is refused with 413 problem details before a byte of it is read (a client that sent
    /// <c>Expect: 100-continue</c> never uploads it). A chunked body is cut off by Kestrel at the same limit.
    /// </summary>
    private static async Task RefuseOversizedBodies(HttpContext http, Func<Task> next)
    {
        var limit = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? MaxRequestBodyBytes;
        if (http.Request.ContentLength is { } length && length > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: 413, type: PlatformProblemDetails.TypeBase + "payload-too-large", title: "Payload too large",
                detail: $"The request body is {length} bytes; the limit is {limit} bytes.").ExecuteAsync(http);
            return;
        }
        await next();
    }

    /// <summary>
    /// Per-user and per-chain limits on the API (per address for requests without a valid token), and a stricter
    /// per-address limit on login and sign-up (credential stuffing). A refused request gets 429 problem details with
    /// <c>Retry-After</c>. Addresses are the connection's: behind another proxy, configure forwarded headers first.
    /// </summary>
    private static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var perUser = config.GetValue("Gateway:RateLimits:PerUserPerMinute", 600);
        var perChain = config.GetValue("Gateway:RateLimits:PerChainPerMinute", 3000);
        var login = config.GetValue("Gateway:RateLimits:LoginPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = (int)HttpStatusCode.TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await Results.Problem(statusCode: 429, type: PlatformProblemDetails.TypeBase + "rate-limited", title: "Too many requests",
                    detail: $"Too many requests. Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.")
                    .ExecuteAsync(ctx.HttpContext);
            };
            o.AddPolicy("login", http => RateLimitPartition.GetFixedWindowLimiter(
                "login:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => Window(login)));
            o.AddPolicy("per-user", http => http.User.TenantId() is { } tenant
                ? RateLimitPartition.GetFixedWindowLimiter($"user:{tenant}:{http.User.UserId()}", _ => Window(perUser))
                // Without a valid token each address has its own window: one caller sending bad tokens cannot lock out the rest.
                : RateLimitPartition.GetFixedWindowLimiter("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Window(perUser)));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var tenant = http.User.TenantId();
                return tenant is null
                    ? RateLimitPartition.GetNoLimiter("none")
                    : RateLimitPartition.GetFixedWindowLimiter("chain:" + tenant, _ => Window(perChain));
            });
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
