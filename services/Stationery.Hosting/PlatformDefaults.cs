using System.Reflection;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;
using Stationery.Hosting.Security;
using Stationery.Hosting.Tenancy;

namespace Stationery.Hosting;

/// <summary>
/// The one way every service is put together: Marten (conjoined tenancy, schema per service), MassTransit on RabbitMQ,
/// the outbox forwarder, JWT validation, problem details, health checks and OpenAPI.
/// </summary>
public static class PlatformDefaults
{
    public static WebApplicationBuilder AddPlatformDefaults(this WebApplicationBuilder builder, string serviceName, Assembly serviceAssembly)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var postgres = config.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");
        var rabbit = config.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set.");
        var schema = config["Marten:Schema"] ?? serviceName;

        services.AddSingleton(new ServiceIdentity(serviceName));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.CritterStackDefaults(x => x.ApplicationAssembly = serviceAssembly);

        services.AddMarten(opts =>
            {
                opts.Connection(postgres);
                opts.DatabaseSchemaName = schema;
                opts.Events.DatabaseSchemaName = schema;
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                opts.Events.StreamIdentity = StreamIdentity.AsString;
                opts.Events.UseListenNotifyForEventAppends = true;
                // HotCold elects one daemon per store with a PostgreSQL advisory lock; the five services share a database,
                // so each needs a lock of its own (one shared id made four of them wait for ever behind the fifth).
                opts.Projections.DaemonLockId = DaemonLockId(schema);
                // The five services start at once (no start order since the platform topology is declared before publishing)
                // and share a database, so their schema changes queue behind one advisory lock: the default 10 s wait made
                // one of them give up on a loaded machine ("Unable to attain the global lock in time").
                opts.ApplyChangesLockTimeout = TimeSpan.FromMinutes(2);
                opts.Events.AppendMode = EventAppendMode.Quick;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.UseSystemTextJsonForSerialization(configure: o => o.Converters.Add(new JsonStringEnumConverter()));
                // The inbox: (consumer, MessageId) is the id (ProcessedMessage.Key); RecordRetention purges old rows (and old AnsweredRequest rows).
                opts.Schema.For<ProcessedMessage>();
                opts.Schema.For<AnsweredRequest>();
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            })
            .UseLightweightSessions()
            .BuildSessionsWith<TenantSessionFactory>(ServiceLifetime.Scoped)
            .ApplyAllDatabaseChangesOnStartup()
            .AddSubscriptionWithServices<OutboxForwarder>(ServiceLifetime.Singleton, o =>
            {
                o.Name = "outbox";
                o.Options.BatchSize = 500;
            })
            // HotCold by default: with two replicas of a service, Solo ran two daemons and forwarded every event twice.
            .AddAsyncDaemon(Enum.Parse<DaemonMode>(config["Marten:DaemonMode"] ?? nameof(DaemonMode.HotCold)));

        services.AddPlatformBus(serviceName, rabbit, serviceAssembly);
        services.AddHostedService<RecordRetention>();
        services.AddPlatformAuthentication(config);
        services.AddDisabledAccountCheck();
        services.AddPlatformProblemDetails();

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddHealthChecks()
            .AddNpgSql(postgres, name: "postgres", tags: ["ready"])
            .AddCheck<ParkedMessages>("messaging", tags: ["ready"]);
        services.AddOpenApi(o =>
        {
            // Slices nest their records (ChangeStaffRoles.Request): name such schemas after the slice, or every "Request"
            // of a service shares one schema and the document shows the wrong body for all but one route.
            o.CreateSchemaReferenceId = type =>
            {
                var id = Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
                return id is not null && type.Type.IsNested && type.Type.DeclaringType is { } slice ? slice.Name + id : id;
            };
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = $"Stationery {serviceName}";
                return Task.CompletedTask;
            });
            o.AddPermissionExtension();
        });
        return builder;
    }

    /// <summary>The HotCold advisory-lock id of a service's store: stable across processes and replicas (FNV-1a of the schema).</summary>
    public static int DaemonLockId(string schema)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(schema)) hash = (hash ^ b) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }

    /// <summary>Middleware and the common endpoints: health, OpenAPI.</summary>
    public static WebApplication UsePlatformDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRepeatedRequestBuffering();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            // MassTransit registers its bus check with the "ready" tag; PostgreSQL and parked messages are added above.
            // Degraded (messages parked) still answers 200: the service works, but the body says what waits for someone.
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// <c>{"status":"Degraded","checks":{"messaging":{"status":"Degraded","description":"…","data":{"parked":3,…}},…}}</c>:
    /// what each check found, so parked messages are visible without reading the logs.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        });
    }
}

/// <summary>The short name of the running service (identity, inventory, …).</summary>
public sealed record ServiceIdentity(string Name);
