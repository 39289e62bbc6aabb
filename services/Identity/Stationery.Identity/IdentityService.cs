using JasperFx.Events.Projections;
using Marten;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;
using Stationery.Identity.Branches.Changing;
using Stationery.Identity.Branches.Listing;
using Stationery.Identity.Branches.Opening;
using Stationery.Identity.Chains;
using Stationery.Identity.Chains.SigningUp;
using Stationery.Identity.Integration;
using Stationery.Identity.Seeding;
using Stationery.Hosting.Security;
using Stationery.Identity.Sessions;
using Stationery.Identity.Sessions.ChangingPassword;
using Stationery.Identity.Sessions.Discovery;
using Stationery.Identity.Sessions.LoggingIn;
using Stationery.Identity.Sessions.Me;
using Stationery.Identity.Sessions.Refreshing;
using Stationery.Identity.Staff;
using Stationery.Identity.Staff.Adding;
using Stationery.Identity.Staff.Changing;
using Stationery.Identity.Staff.Disabling;
using Stationery.Identity.Staff.Importing;
using Stationery.Identity.Staff.Listing;
using Stationery.Identity.Staff.ResettingPassword;
using Stationery.Identity.SupplierContacts.Inviting;

namespace Stationery.Identity;

/// <summary>Marker for the Identity service (tests host it with <c>ServiceFactory&lt;IdentityService&gt;</c>).</summary>
public sealed class IdentityService
{
}

public static class IdentityModule
{
    /// <summary>Named apart from ASP.NET Core Identity's <c>AddIdentity</c>/<c>MapIdentityApi</c>, which this service does not use.</summary>
    public static WebApplicationBuilder AddStationeryIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IIntegrationEventMap, IdentityEvents>();
        // Only Identity holds a private key, and it refuses to start without one (not at its first login).
        SigningKeys.LoadPrivate(builder.Configuration.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings());
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<RefreshTokens>();
        // Identity refuses a disabled account from its own accounts, not the bus-fed copy every other service keeps.
        builder.Services.AddSingleton<IDisabledAccountLookup, OwnAccounts>();
        builder.Services.ConfigureMarten(opts =>
        {
            // Inline snapshots: written in the same transaction as the events, so a login right after sign-up works.
            opts.Projections.Snapshot<Chain>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<UserAccount>(SnapshotLifecycle.Inline);
            opts.Schema.For<UserAccount>().Index(a => a.Username);
            opts.Schema.For<RefreshSession>().Index(t => t.UserId).Index(t => t.FamilyId);
            opts.Schema.For<SpentRefreshToken>().Index(t => t.UserId).Index(t => t.FamilyId);
        });
        if (builder.Configuration.GetValue<bool>("Seed:Demo"))
            builder.Services.AddHostedService<DemoSeed>();
        return builder;
    }

    public static IEndpointRouteBuilder MapStationeryIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapPublishSigningKeys();
        var api = app.MapGroup("/api/identity").WithTags("Identity").WithLostRacesRunAgain().WithRepeatedRequests();
        api.MapSignUpChain()
            .MapLogIn()
            .MapRefreshToken()
            .MapGetMe()
            .MapChangePassword()
            .MapOpenBranch()
            .MapListBranches()
            .MapChangeBranch()
            .MapAddStaffMember()
            .MapListStaff()
            .MapChangeStaffRoles()
            .MapDisableStaffMember()
            .MapResetPassword()
            .MapAddSupplierContact()
            .MapImportStaff();
        return app;
    }
}
