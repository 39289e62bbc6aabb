using JasperFx;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// The two retry limits every consumer lives by, in one place so the bus, the idempotent consumer and the
/// <see cref="FaultReporter"/>'s "parked" accounting agree.
/// <list type="bullet">
/// <item><b>Any failure</b>: MassTransit's in-memory retries (<see cref="Intervals"/>, no delayed-exchange plugin here), then
/// the queue's <c>_error</c> queue.</item>
/// <item><b>A write conflict</b> (<see cref="IsConflict"/>: another consumer appended to the same stream or opened it first) is
/// not a failure but a lost race: <see cref="IdempotentConsumer{T}"/> runs the message again in a fresh session up to
/// <see cref="ConflictAttempts"/> times, each after a random wait that doubles its ceiling (full jitter), so a burst of
/// writers to one stream spreads out instead of colliding again in step. Only after that does a conflict count as a
/// failure of the delivery, with MassTransit's retries on top.</item>
/// </list>
/// </summary>
public static class PlatformRetry
{
    /// <summary>MassTransit's retry intervals in milliseconds: a delivery is tried 1 + 5 times, then parked.</summary>
    public static readonly int[] Intervals = [100, 500, 1000, 2000, 5000];

    /// <summary>Runs of one delivery against write conflicts (the first included).</summary>
    public const int ConflictAttempts = 10;

    private static readonly TimeSpan ConflictBase = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan ConflictCeiling = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Marten 9's optimistic-concurrency failures: <c>FetchForWriting</c>'s expected version overtaken
    /// (<see cref="JasperFx.Events.EventStreamUnexpectedMaxEventIdException"/>; <see cref="ConcurrencyException"/> in general), and a
    /// stream started by someone else first (<c>ExistingStreamIdCollisionException</c>, which is not one).
    /// </summary>
    public static bool IsConflict(Exception e) =>
        e is ConcurrencyException || e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException
        || e is JasperFx.Events.ExistingStreamIdCollisionException || e is Marten.Exceptions.ExistingStreamIdCollisionException
        || (e.InnerException is { } inner && IsConflict(inner));

    /// <summary>Whether run <paramref name="attempt"/> (1-based) lost a race that another run may win.</summary>
    public static bool RetryConflict(Exception e, int attempt) => attempt < ConflictAttempts && IsConflict(e);

    /// <summary>The wait before run <paramref name="attempt"/> + 1: uniformly random below 25 ms × 2^(attempt-1), at most 2 s.</summary>
    public static TimeSpan ConflictDelay(int attempt, Random? random = null)
    {
        var ceiling = Math.Min(ConflictCeiling.TotalMilliseconds, ConflictBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds((random ?? Random.Shared).NextDouble() * ceiling);
    }
}
