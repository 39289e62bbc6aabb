using JasperFx;
using Marten;
using Stationery.Identity.Branches.Opening;
using Stationery.Identity.Chains;
using Stationery.Identity.Chains.SigningUp;
using Stationery.Identity.Staff;
using Stationery.Identity.SupplierContacts.Inviting;
using Stationery.Hosting.Security;

namespace Stationery.Identity.Seeding;

/// <summary>
/// With <c>Seed:Demo = true</c>, creates the demo chain at startup through the same deciders as the API: chain
/// <c>demo</c> (演示文具连锁), branches <c>main</c> (总店) and <c>east</c> (东区店), and the logins owner, clerk,
/// clerk-east and supplier, all with the password <see cref="Password"/>. Does nothing when the chain exists.
/// </summary>
public sealed class DemoSeed(IDocumentStore store, ILogger<DemoSeed> log) : IHostedService
{
    public const string Chain = "demo";
    public const string Password = "stationery-demo";
    public const string SupplierId = "demo-supplier-chenguang";

    public async Task StartAsync(CancellationToken ct)
    {
        var chain = await LoadChain(ct);
        if (chain is { Branches.Count: 2, Usernames.Count: 4 })
        {
            log.LogInformation("Demo chain already exists; not seeding");
            return;
        }
        try
        {
            // Each step is skipped when already done and commits on its own, so an interrupted seed resumes where it stopped.
            if (chain is null)
                await SignUpChain.ExecuteAsync(store, SignUpChain.ToCommand(Chain, "演示文具连锁", "owner", Password, "张店长"), ct);
            var ownerId = (await LoadChain(ct))!.Usernames["owner"];
            await OpenBranchOnce(new("main", "总店", "Asia/Shanghai"), ownerId, ct);
            await OpenBranchOnce(new("east", "东区店", "Asia/Shanghai"), ownerId, ct);
            await EnrollOnce(Staff("clerk", "小李", "main"), ct);
            await EnrollOnce(Staff("clerk-east", "小王", "east"), ct);
            await EnrollOnce(AddSupplierContact.ToCommand(SupplierId, "supplier", "晨光文具供应商", Password), ct);
            log.LogInformation("Seeded demo chain '{Chain}'; log in as owner / {Password}", Chain, Password);
        }
        catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                      or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            log.LogInformation("Demo chain is being seeded by another instance");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static Enroll Staff(string username, string displayName, string branch) =>
        new(Enrollment.NewUserId(), username, displayName, Credentials.Hash(Password), [PlatformRoles.Clerk], [branch], null);

    private async Task<Chain?> LoadChain(CancellationToken ct)
    {
        await using var query = store.QuerySession(Chain);
        return await query.LoadAsync<Chain>(Chains.Chain.StreamId, ct);
    }

    private async Task OpenBranchOnce(OpenBranch.Command command, string ownerId, CancellationToken ct)
    {
        if ((await LoadChain(ct))!.HasBranch(command.Code)) return;
        await using var session = store.LightweightSession(Chain);
        await OpenBranch.ExecuteAsync(session, command, ownerId, ct);
        await session.SaveChangesAsync(ct);
    }

    private async Task EnrollOnce(Enroll command, CancellationToken ct)
    {
        if ((await LoadChain(ct))!.Usernames.ContainsKey(command.Username)) return;
        await using var session = store.LightweightSession(Chain);
        await session.EnrollAsync(command, ct);
        await session.SaveChangesAsync(ct);
    }
}
