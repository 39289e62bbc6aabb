using Marten;

namespace Stationery.Hosting.EventSourcing;

public static class StreamExtensions
{
    /// <summary>
    /// The one way to change a stream: read it, fold its events into the immutable state (<see cref="StateEvolver{TState}"/>),
    /// run the pure decider, append what it decided with the version it saw as the expected version (a concurrent writer
    /// makes the commit fail with a concurrency error → 409). The caller commits, so an idempotency record or a second
    /// stream can join the same transaction.
    /// </summary>
    /// <remarks>
    /// Marten 9 dispatches its own Create/Apply conventions through a compile-time source generator that only sees
    /// concrete call sites, so a generic helper cannot use <c>FetchForWriting&lt;TState&gt;</c>; the fold here uses the same
    /// conventions without it.
    /// </remarks>
    public static async Task<IReadOnlyList<object>> Decide<TState>(this IDocumentSession session, string streamId,
        Func<TState?, IReadOnlyList<object>> decide, CancellationToken ct = default) where TState : class
    {
        var (state, version) = await session.Load<TState>(streamId, ct);
        var events = decide(state);
        Append(session, streamId, version, events);
        return events;
    }

    /// <summary>
    /// <see cref="Decide{TState}"/> for long streams: the state is read from the stream's snapshot document plus the events
    /// after its version (normally none) instead of folding the whole stream, and the new state is stored as the snapshot
    /// in the same transaction as the events. The snapshot is only a cache: a writer that appends without it (a seed, a
    /// rebuild) leaves it behind, and the events after it are folded in. The expected version still guards the append.
    /// </summary>
    public static async Task<IReadOnlyList<object>> Decide<TState, TSnapshot>(this IDocumentSession session, string streamId,
        Func<TState?, IReadOnlyList<object>> decide, CancellationToken ct = default)
        where TState : class where TSnapshot : class, IStreamSnapshot<TSnapshot, TState>
    {
        var (state, version) = await session.Load<TState, TSnapshot>(streamId, ct);
        var events = decide(state);
        Append(session, streamId, version, events);
        if (events.Count > 0 && events.Aggregate(state, StateEvolver<TState>.Evolve) is { } after)
            session.Store(TSnapshot.Of(streamId, version + events.Count, after));
        return events;
    }

    private static void Append(IDocumentSession session, string streamId, long version, IReadOnlyList<object> events)
    {
        if (events.Count == 0) return;
        if (version == 0)
            session.Events.StartStream(streamId, events.ToArray());
        else
            session.Events.Append(streamId, version + events.Count, events.ToArray());
    }

    /// <summary>The current state of a stream and its version from its snapshot and the events after it (0 and null when none).</summary>
    public static async Task<(TState? State, long Version)> Load<TState, TSnapshot>(this IQuerySession session, string streamId,
        CancellationToken ct = default) where TState : class where TSnapshot : class, IStreamSnapshot<TSnapshot, TState>
    {
        var snapshot = await session.LoadAsync<TSnapshot>(streamId, ct);
        var from = snapshot?.Version ?? 0;
        var newer = await session.Events.FetchStreamAsync(streamId, fromVersion: from + 1, token: ct);
        var state = newer.Aggregate(snapshot?.State, (s, e) => StateEvolver<TState>.Evolve(s, e.Data));
        return (state, newer.Count > 0 ? newer[^1].Version : from);
    }

    /// <summary>The current state of a stream and its version (0 and null when it does not exist).</summary>
    public static async Task<(TState? State, long Version)> Load<TState>(this IQuerySession session, string streamId,
        CancellationToken ct = default) where TState : class
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        var state = StateEvolver<TState>.Fold(events.Select(e => e.Data));
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }
}

/// <summary>
/// A stream's state at a version, kept as a document (id = the stream id) next to the stream: see
/// <see cref="StreamExtensions.Decide{TState,TSnapshot}"/>. Register the document type with Marten.
/// </summary>
public interface IStreamSnapshot<TSelf, TState> where TSelf : IStreamSnapshot<TSelf, TState>
{
    string Id { get; }

    long Version { get; }

    TState State { get; }

    static abstract TSelf Of(string streamId, long version, TState state);
}
