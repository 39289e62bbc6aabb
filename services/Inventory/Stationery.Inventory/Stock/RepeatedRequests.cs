using JasperFx;
using Marten;
using Marten.Exceptions;

namespace Stationery.Inventory.Stock;

/// <summary>What a movement request answered, kept under its <c>Idempotency-Key</c> in the same transaction as its events.</summary>
public sealed record AnsweredMovement(string Id, MovementResult Result, DateTimeOffset At);

public static class RepeatedRequests
{
    /// <summary>
    /// A till that lost the answer to a sale sends it again with the same <c>Idempotency-Key</c>: the repeat gets the
    /// first answer and writes nothing. <paramref name="decide"/> appends without committing; this commits once.
    /// </summary>
    public static async Task<MovementResult> OnceAsync(HttpContext http, IDocumentSession session, string kind, string branch,
        TimeProvider clock, Func<Task<MovementResult>> decide, CancellationToken ct)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString().Trim();
        var id = key.Length == 0 ? null : $"{kind}:{branch}:{key}";
        if (id is not null && await session.LoadAsync<AnsweredMovement>(id, ct) is { } answered) return answered.Result;

        var result = await decide();
        if (id is not null) session.Insert(new AnsweredMovement(id, result, clock.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (id is not null && e is DocumentAlreadyExistsException or ConcurrencyException)
        {
            // The same request raced itself: if the other one committed, answer what it answered.
            await using var query = session.DocumentStore.QuerySession(session.TenantId);
            if (await query.LoadAsync<AnsweredMovement>(id, ct) is { } first) return first.Result;
            throw;
        }
        return result;
    }
}
