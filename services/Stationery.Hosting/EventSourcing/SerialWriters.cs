using Marten;

namespace Stationery.Hosting.EventSourcing;

/// <summary>
/// Writers of one stream that must not fail each other (people posting to one chat channel) queue behind a PostgreSQL
/// advisory lock on the stream, held to the end of the session's transaction, and then read and append as usual
/// (<c>FetchForWriting</c>). Not the stream's row lock (<c>FetchForExclusiveWriting</c>): a writer that does not queue (a
/// bot answer appended by a consumer) holds KEY SHARE on that row from its events' foreign-key check until it commits, and
/// its own update of the row then waited for the queued writer's FOR UPDATE while that writer waited for it: PostgreSQL
/// broke the deadlock by failing one of them after a second (seen under load as 500s on chat posts). Against the advisory
/// lock such a writer merely loses the race for the next version, and the loser runs again
/// (<see cref="Idempotency.LostRaces"/> for a command, the consumer's conflict retries for a message).
/// </summary>
public static class SerialWriters
{
    /// <summary>
    /// Starts the session's transaction and waits for the stream's lock. Call before <c>FetchForWriting</c>; the lock is
    /// released when the session commits or is disposed.
    /// </summary>
    public static async Task QueueForStreamAsync(this IDocumentSession session, string streamId, CancellationToken ct = default)
    {
        await session.BeginTransactionAsync(ct);
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "select pg_advisory_xact_lock($1)";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = LockKey(session.DocumentStore.Options.DatabaseSchemaName, session.TenantId, streamId) });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A 64-bit FNV-1a hash of schema, tenant and stream: stable across processes and replicas of a service.</summary>
    public static long LockKey(string schema, string tenant, string streamId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes($"{schema}\u001f{tenant}\u001f{streamId}")) hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
