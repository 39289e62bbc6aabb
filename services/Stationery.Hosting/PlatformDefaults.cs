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
                opts.Events.AppendMode = EventAppendMode.Quick;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.UseSystemTextJsonForSerialization(configure: o => o.Converters.Add(new JsonStringEnumConverter()));
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
            .AddAsyncDaemon(Enum.Parse<DaemonMode>(config["Marten:DaemonMode"] ?? nameof(DaemonMode.Solo)));

        services.AddPlatformBus(serviceName, rabbit, serviceAssembly);
        services.AddPlatformAuthentication(config);
        services.AddDisabledAccountCheck();
        services.AddPlatformProblemDetails();

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddHealthChecks()
            .AddNpgSql(postgres, name: "postgres", tags: ["ready"]);
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
        });
        return builder;
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
            // MassTransit registers its bus check with the "ready" tag; PostgreSQL is added above.
            Predicate = c => c.Tags.Contains("ready"),
        }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}

/// <summary>The short name of the running service (identity, inventory, …).</summary>
public sealed record ServiceIdentity(string Name);
