using Marten;
using Microsoft.AspNetCore.Http;
using Stationery.Hosting.Security;

namespace Stationery.Hosting.Tenancy;

/// <summary>
/// Opens every request's Marten session for the chain named in the caller's token, never one named in the request.
/// Code without an HTTP caller (consumers, seeding) opens sessions with an explicit tenant instead.
/// </summary>
public sealed class TenantSessionFactory(IDocumentStore store, IHttpContextAccessor accessor) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(CurrentTenant());

    public IDocumentSession OpenSession() => store.LightweightSession(CurrentTenant());

    private string CurrentTenant() =>
        accessor.HttpContext?.User.TenantId()
        ?? throw new InvalidOperationException("No authenticated tenant on this request; open a session with an explicit tenant.");
}
