using Marten;

namespace Stationery.Hosting.EventSourcing;

public static class StreamExtensions
{
    /// <summary>
    /// The one way to change a stream: fetch it for writing (optimistic concurrency on its version), run the pure
    /// decider on its current state, append what it decided. The caller commits (so an idempotency record or a second
    /// stream can join the same transaction).
    /// </summary>
    public static async Task<IReadOnlyList<object>> Decide<TState>(this IDocumentSession session, string streamId,
        Func<TState?, IReadOnlyList<object>> decide, CancellationToken ct = default) where TState : class
    {
        var stream = await session.Events.FetchForWriting<TState>(streamId, ct);
        var events = decide(stream.Aggregate);
        if (events.Count > 0) stream.AppendMany(events);
        return events;
    }
}
