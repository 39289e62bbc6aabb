using Marten;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Stationery.Contracts.Identity;
using Stationery.Hosting.Messaging;

namespace Stationery.Hosting.Security;

/// <summary>An account Identity disabled (<c>StaffMemberDisabled</c>), as this service heard of it. Disabling is final.</summary>
public sealed record DisabledAccount(string Id, DateTimeOffset At);

/// <summary>
/// Every service refuses the still-valid token of a disabled account at once, not when the token expires (up to 30
/// minutes later): each keeps the accounts <c>StaffMemberDisabled</c> named and looks the caller up once per request
/// (a primary-key read) after the token itself has been validated. The gateway, which has no store, leaves it to them.
/// </summary>
public static class DisabledAccounts
{
    public static IServiceCollection AddDisabledAccountCheck(this IServiceCollection services)
    {
        services.ConfigureMarten(o => o.Schema.For<DisabledAccount>());
        services.TryAddSingleton<IDisabledAccountLookup, BusFedDisabledAccounts>();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            var validated = o.Events.OnTokenValidated;
            o.Events.OnTokenValidated = async ctx =>
            {
                await validated(ctx);
                if (ctx.Result is not null || ctx.Principal?.TenantId() is not { } tenant) return;
                var services = ctx.HttpContext.RequestServices;
                await using var session = services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
                if (await services.GetRequiredService<IDisabledAccountLookup>().IsDisabledAsync(session, ctx.Principal.UserId(), ctx.HttpContext.RequestAborted))
                    ctx.Fail("The account is disabled.");
            };
        });
        return services;
    }

    /// <summary>Records the account; a service with a <c>StaffMemberDisabled</c> consumer of its own calls this from it instead.</summary>
    public static void Record(IDocumentSession session, StaffMemberDisabled m) => session.Store(new DisabledAccount(m.UserId, m.OccurredAt));
}

/// <summary>
/// Whether an account is disabled, read from the tenant's store. Every service reads the bus-fed <see cref="DisabledAccount"/>
/// copy; Identity replaces it with its own accounts, so it refuses a just-disabled account even while the broker is down.
/// </summary>
public interface IDisabledAccountLookup
{
    Task<bool> IsDisabledAsync(IQuerySession session, string userId, CancellationToken ct);
}

internal sealed class BusFedDisabledAccounts : IDisabledAccountLookup
{
    public async Task<bool> IsDisabledAsync(IQuerySession session, string userId, CancellationToken ct) =>
        await session.LoadAsync<DisabledAccount>(userId, ct) is not null;
}

/// <summary>
/// Keeps <see cref="DisabledAccount"/>s. Added to every service's bus unless the service consumes <c>StaffMemberDisabled</c>
/// itself (one consumer per message type: idempotency is by MessageId), in which case that consumer records it.
/// </summary>
public sealed class DisabledAccountConsumer(IDocumentStore store, ILogger<DisabledAccountConsumer> log) : IdempotentConsumer<StaffMemberDisabled>(store, log)
{
    protected override Task Apply(IDocumentSession session, StaffMemberDisabled m, ConsumeContext<StaffMemberDisabled> context)
    {
        DisabledAccounts.Record(session, m);
        return Task.CompletedTask;
    }
}
