using JasperFx;
using Marten;
using Stationery.Hosting.EventSourcing;
using Stationery.Purchasing.Suppliers.Registering;

namespace Stationery.Purchasing.Suppliers.Seeding;

/// <summary>
/// With <c>Seed:Demo = true</c>, registers the demo chain's suppliers through the same decider as the API. Identity's seed
/// binds the demo <c>supplier</c> login to <see cref="Chenguang"/>. Suppliers that exist are left alone, so restarts and
/// several replicas seed once.
/// </summary>
public sealed class DemoSuppliers(IDocumentStore store, TimeProvider clock, ILogger<DemoSuppliers> log) : IHostedService
{
    public const string Chain = "demo";
    public const string Chenguang = "demo-supplier-chenguang";

    public static readonly IReadOnlyList<RegisterSupplier.Command> Suppliers =
    [
        new(Chenguang, "晨光文具供应商", "王经理 138-0000-0001", 3, ["笔类", "本册"], "seed"),
        new("demo-supplier-deli", "得力办公用品供应商", "陈经理 139-0000-0002", 5, ["文件管理", "办公用品", "笔类"], "seed"),
        new("demo-supplier-guangbo", "广博纸品供应商", "刘经理 137-0000-0003", 4, ["本册", "纸品"], "seed"),
    ];

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var supplier in Suppliers)
        {
            await using var session = store.LightweightSession(Chain);
            var events = await session.Decide<Supplier>(Supplier.StreamId(supplier.SupplierId),
                existing => existing is null ? RegisterSupplier.Decide(null, supplier, clock.GetUtcNow()) : [], ct);
            if (events.Count == 0) continue;
            try
            {
                await session.SaveChangesAsync(ct);
                log.LogInformation("Seeded demo supplier {Supplier} ({Name})", supplier.SupplierId, supplier.Name);
            }
            catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                          or JasperFx.Events.ExistingStreamIdCollisionException)
            {
                log.LogInformation("Demo supplier {Supplier} was seeded concurrently by another instance", supplier.SupplierId);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
