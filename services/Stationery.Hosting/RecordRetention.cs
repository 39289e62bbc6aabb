using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;

namespace Stationery.Hosting;

/// <summary>
/// Purges the two records that exist only to recognise a repeat, every tenant at once, at start and then hourly:
/// <list type="bullet">
/// <item>inbox rows (<see cref="ProcessedMessage"/>) older than <see cref="InboxKeep"/> (<c>Messaging:InboxRetentionDays</c>,
/// 14 by default): a redelivery arrives within the retries' minutes, or after a parked message is requeued by hand, never
/// weeks later;</item>
/// <item>answered commands (<see cref="AnsweredRequest"/>, the <c>Idempotency-Key</c> records) older than
/// <see cref="AnswerKeep"/> (<c>Idempotency:RetentionDays</c>, 7 by default): a till or phone that lost an answer sends the
/// command again within minutes, or when it is back online after a weekend; a key older than that is a new request.</item>
/// </list>
/// Without it both tables grew by one row per message and per command for ever.
/// </summary>
public sealed class RecordRetention(IDocumentStore store, IConfiguration config, TimeProvider clock, ILogger<RecordRetention> log)
    : BackgroundService
{
    public TimeSpan InboxKeep => TimeSpan.FromDays(config.GetValue("Messaging:InboxRetentionDays", 14.0));
    public TimeSpan AnswerKeep => TimeSpan.FromDays(config.GetValue("Idempotency:RetentionDays", 7.0));

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                var (inbox, answers) = await PurgeAsync(stoppingToken);
                if (inbox + answers > 0)
                    log.LogInformation("Purged {Inbox} inbox rows older than {InboxDays} days and {Answers} answered commands older than {AnswerDays} days",
                        inbox, InboxKeep.TotalDays, answers, AnswerKeep.TotalDays);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                log.LogWarning(e, "Record purge failed; trying again in {Every}", Every);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the rows older than their retention; returns how many of each.</summary>
    public async Task<(int Inbox, int Answers)> PurgeAsync(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var inbox = await DeleteOlderAsync(connection, typeof(ProcessedMessage), InboxKeep, ct);
        var answers = await DeleteOlderAsync(connection, typeof(AnsweredRequest), AnswerKeep, ct);
        return (inbox, answers);
    }

    private async Task<int> DeleteOlderAsync(NpgsqlConnection connection, Type document, TimeSpan keep, CancellationToken ct)
    {
        var table = store.Options.FindOrResolveDocumentType(document).TableName.QualifiedName;
        await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE mt_last_modified < @cutoff", connection);
        command.Parameters.AddWithValue("cutoff", (clock.GetUtcNow() - keep).UtcDateTime);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
