using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Stationery.Hosting.Messaging;

/// <summary>
/// Purges inbox rows (<see cref="ProcessedMessage"/>) older than <see cref="Keep"/> (<c>Messaging:InboxRetentionDays</c>,
/// 14 by default), every tenant at once, at start and then hourly: a redelivery arrives within the retries' minutes, or
/// after a parked message is requeued by hand, never weeks later. Without it the table grew by one row per message for ever.
/// </summary>
public sealed class InboxRetention(IDocumentStore store, IConfiguration config, TimeProvider clock, ILogger<InboxRetention> log)
    : BackgroundService
{
    public TimeSpan Keep => TimeSpan.FromDays(config.GetValue("Messaging:InboxRetentionDays", 14.0));

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0) log.LogInformation("Purged {Count} inbox rows older than {Days} days", purged, Keep.TotalDays);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                log.LogWarning(e, "Inbox purge failed; trying again in {Every}", Every);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the rows processed before now − <see cref="Keep"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var table = store.Options.FindOrResolveDocumentType(typeof(ProcessedMessage)).TableName.QualifiedName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE mt_last_modified < @cutoff", connection);
        command.Parameters.AddWithValue("cutoff", (clock.GetUtcNow() - Keep).UtcDateTime);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
