using Marten;
using Npgsql;
using Stationery.Hosting.EventSourcing;
using Stationery.Testing;

namespace Stationery.Benchmarks;

public sealed record Counted(int Amount);

/// <summary>The benchmark's stream state: immutable, evolved by Marten's conventional Create/Apply.</summary>
public sealed record Counter(int Total)
{
    public static Counter Create(Counted e) => new(e.Amount);
    public Counter Apply(Counted e) => this with { Total = Total + e.Amount };
}

/// <summary>
/// B1: our append path (FetchForWriting + pure decider + commit, one event per command, as an endpoint does it)
/// against a raw Npgsql INSERT of the same JSON in its own transaction.
/// </summary>
internal static class AppendBenchmark
{
    private const int Commands = 300;

    public static async Task RunAsync(int reps)
    {
        await using var servers = await TestServers.IsolateAsync("benchappend");
        await using var store = DocumentStore.For(o =>
        {
            o.Connection(servers.Postgres);
            o.DatabaseSchemaName = "bench";
            o.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
            o.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsString;
            o.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
            o.Policies.AllDocumentsAreMultiTenanted();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        await using var data = NpgsqlDataSource.Create(servers.Postgres);
        await using (var create = data.CreateCommand(
            "CREATE TABLE raw_events (seq bigserial primary key, stream text not null, version int not null, tenant text not null, data jsonb not null, at timestamptz not null default now(), UNIQUE(stream, version))"))
            await create.ExecuteNonQueryAsync();

        await Measure.CompareAsync("B1 append, one event per command (Marten vs raw INSERT)", reps, Commands,
            ours: async rep =>
            {
                for (var i = 0; i < (rep < 0 ? 20 : Commands); i++)
                {
                    await using var session = store.LightweightSession("bench");
                    await session.Decide<Counter>($"counter:{rep}:{i % 10}", _ => [new Counted(1)]);
                    await session.SaveChangesAsync();
                }
            },
            raw: async rep =>
            {
                for (var i = 0; i < (rep < 0 ? 20 : Commands); i++)
                {
                    await using var conn = await data.OpenConnectionAsync();
                    await using var tx = await conn.BeginTransactionAsync();
                    await using var cmd = new NpgsqlCommand(
                        "INSERT INTO raw_events (stream, version, tenant, data) SELECT @s, coalesce(max(version), 0) + 1, 'bench', @d::jsonb FROM raw_events WHERE stream = @s",
                        conn, tx);
                    cmd.Parameters.AddWithValue("s", $"counter:{rep}:{i % 10}");
                    cmd.Parameters.AddWithValue("d", "{\"amount\":1}");
                    await cmd.ExecuteNonQueryAsync();
                    await tx.CommitAsync();
                }
            });
    }
}
