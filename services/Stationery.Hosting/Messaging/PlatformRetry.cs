using JasperFx;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// The two retry limits every consumer lives by, in one place so the bus, the idempotent consumer and the
/// <see cref="FaultReporter"/>'s "parked" accounting agree.
/// <list type="bullet">
/// <item><b>A transient failure</b> (<see cref="IsTransient"/>: the database unreachable, restarting or timing out, the broker
/// connection gone): not the message's fault, so it is never parked for it. MassTransit's in-memory retries run it again at
/// growing intervals (<see cref="TransientIntervals"/>, about five and a half minutes in all: long enough to ride out a
/// database or broker restart; no delayed-exchange plugin here), and only a failure still transient after all of them is
/// parked.</item>
/// <item><b>Any other failure</b> (poison: the message cannot be applied): MassTransit's in-memory retries
/// (<see cref="Intervals"/>), then the queue's <c>_error</c> queue.</item>
/// <item><b>A write conflict</b> (<see cref="IsConflict"/>: another consumer appended to the same stream or opened it first) is
/// not a failure but a lost race: <see cref="IdempotentConsumer{T}"/> runs the message again in a fresh session up to
/// <see cref="ConflictAttempts"/> times, each after a random wait that doubles its ceiling (full jitter), so a burst of
/// writers to one stream spreads out instead of colliding again in step. Only after that does a conflict count as a
/// failure of the delivery, with MassTransit's retries on top.</item>
/// </list>
/// </summary>
public static class PlatformRetry
{
    /// <summary>MassTransit's retry intervals in milliseconds: a delivery that fails for itself is tried 1 + 5 times, then parked.</summary>
    public static readonly int[] Intervals = [100, 500, 1000, 2000, 5000];

    /// <summary>
    /// The retry intervals for a transient failure in milliseconds: doubling from 250 ms to 30 s, then every 30 s, 330 s in
    /// all. A PostgreSQL restart (crash recovery included) or a broker restart takes seconds to a minute.
    /// </summary>
    public static readonly int[] TransientIntervals =
        [250, 500, 1000, 2000, 4000, 8000, 15000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000];

    /// <summary>
    /// Whether <paramref name="e"/> (or what it wraps: Marten wraps Npgsql's exceptions) says the infrastructure failed,
    /// not the message: Npgsql's own verdict (<see cref="Npgsql.NpgsqlException.IsTransient"/>: the connection refused or
    /// broken, a timeout, the server shutting down or starting up, too many connections, a serialization failure or a
    /// deadlock), a socket or I/O failure, a timeout, or the broker connection gone. A write conflict is not one
    /// (<see cref="IsConflict"/> has its own runs); a PostgreSQL error about the data (a constraint, a type) is not one.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        _ when IsConflict(e) => false,
        Npgsql.PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        Npgsql.NpgsqlException npgsql when npgsql.IsTransient => true,
        System.Net.Sockets.SocketException or IOException or TimeoutException => true,
        RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AlreadyClosedException
            or RabbitMQ.Client.Exceptions.OperationInterruptedException => true,
        MassTransit.RequestTimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => e.InnerException is { } inner && IsTransient(inner),
    };

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
