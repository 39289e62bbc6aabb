using Marten;
using Stationery.Hosting.Errors;
using Stationery.Hosting.EventSourcing;
using Stationery.Hosting.Security;
using Stationery.Purchasing.Suppliers.Listing;

namespace Stationery.Purchasing.Suppliers.Registering;

public sealed record RegisterSupplierRequest(string? Name, string? Contact, int? LeadTimeDays, IReadOnlyList<string>? Categories);

public static class RegisterSupplier
{
    public sealed record Command(string SupplierId, string Name, string? Contact, int LeadTimeDays, IReadOnlyList<string> Categories, string By);

    public static RouteGroupBuilder MapRegisterSupplier(this RouteGroupBuilder api)
    {
        api.MapPost("/suppliers", async (RegisterSupplierRequest request, HttpContext http, IDocumentSession session,
            TimeProvider clock, CancellationToken ct) =>
        {
            var command = Validate(request, NewId(), http.User.UserId());
            var events = await session.Decide<Supplier>(Supplier.StreamId(command.SupplierId), s => Decide(s, command, clock.GetUtcNow()), ct);
            await session.SaveChangesAsync(ct);
            var supplier = Supplier.Create((SupplierRegistered)events[0]);
            return TypedResults.Created($"/api/purchasing/suppliers/{command.SupplierId}", SupplierView.From(supplier));
        }).RequirePermission("suppliers.manage").WithName("RegisterSupplier");
        return api;
    }

    public static string NewId() => $"supplier-{Guid.NewGuid():N}"[..21];

    public static Command Validate(RegisterSupplierRequest r, string supplierId, string by)
    {
        var categories = (r.Categories ?? []).Select(c => c?.Trim() ?? "").ToList();
        var v = new Validation()
            .NotEmpty(r.Name, "name", 100)
            .Require((r.Contact ?? "").Length <= 200, "contact", "must be at most 200 characters")
            .Require(r.LeadTimeDays is not null, "leadTimeDays", "is required")
            .Require(r.LeadTimeDays is null or (>= 0 and <= 365), "leadTimeDays", "must be between 0 and 365 days")
            .Require(categories.Count <= 50, "categories", "must list at most 50 categories");
        for (var i = 0; i < categories.Count; i++)
            v.NotEmpty(categories[i], $"categories[{i}]", 50);
        v.ThrowIfInvalid();
        return new Command(supplierId, r.Name!.Trim(), string.IsNullOrWhiteSpace(r.Contact) ? null : r.Contact.Trim(),
            r.LeadTimeDays!.Value, categories.Distinct().ToList(), by);
    }

    public static IReadOnlyList<object> Decide(Supplier? existing, Command c, DateTimeOffset now)
    {
        if (existing is not null)
            throw new DomainException("supplier-exists", $"供应商 {c.SupplierId} 已存在 (supplier '{c.SupplierId}' already exists).");
        return [new SupplierRegistered(c.SupplierId, c.Name, c.Contact, c.LeadTimeDays, c.Categories, c.By, now)];
    }
}
