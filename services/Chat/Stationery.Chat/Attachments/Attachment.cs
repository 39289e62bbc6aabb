using Marten;
using Stationery.Chat.Channels;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Attachments;

/// <summary>
/// An uploaded file's facts. Its bytes live in <see cref="AttachmentContent"/>'s table, written in the same transaction.
/// Visible to its uploader, and to the members of every channel it was posted in. <see cref="ThumbnailContentType"/> is set
/// when an image got a thumbnail (in <see cref="AttachmentContent.ThumbnailTable"/>, written in the same transaction).
/// </summary>
public sealed record Attachment(Guid Id, string UploaderId, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt,
    string[] Channels, string? ThumbnailContentType = null)
{
    public bool HasThumbnail => ThumbnailContentType is not null;

    public AttachmentRef Ref => new(Id, ContentType, Size, FileName, HasThumbnail);

    public bool PostedIn(string channelId) => Channels.Contains(channelId, StringComparer.Ordinal);

    /// <summary>Its uploader, and the members of every channel it was posted in; to anyone else it does not exist.</summary>
    public async Task<bool> VisibleToAsync(IQuerySession session, string userId, CancellationToken ct)
    {
        if (UploaderId == userId) return true;
        if (Channels.Length == 0) return false;
        var channels = await session.LoadManyAsync<Channel>(ct, Channels);
        return channels.Any(c => c.HasMember(userId));
    }
}

/// <summary>What a message says about its attachment (enough to show it without loading the bytes).</summary>
/// <param name="HasThumbnail">A thumbnail is at <c>GET /api/chat/attachments/{id}/thumbnail</c> (false in messages older than thumbnails).</param>
public sealed record AttachmentRef(Guid Id, string ContentType, long Size, string FileName, bool HasThumbnail = false)
{
    public Contract.ChatAttachment ToContract() => new(Id.ToString(), ContentType, Size, FileName, HasThumbnail);
}

/// <summary>
/// The bytes of attachments: a plain <c>bytea</c> table in the chat schema (a JSON document would store them base64,
/// a third larger), keyed by chain and id so one chain can never read another's, created and migrated with Marten's schema.
/// Thumbnails live in a second table of the same shape (a new table rather than a new column: nothing to migrate).
/// </summary>
public static class AttachmentContent
{
    public const string Table = "chat_attachment_content";
    public const string ThumbnailTable = "chat_attachment_thumbnail";

    public static void AddTables(StoreOptions opts)
    {
        foreach (var name in new[] { Table, ThumbnailTable })
        {
            var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, name, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
            table.AddColumn<string>("tenant_id").AsPrimaryKey();
            table.AddColumn<Guid>("id").AsPrimaryKey();
            table.AddColumn("content", "bytea").NotNull();
            opts.Storage.ExtendedSchemaObjects.Add(table);
        }
    }

    /// <summary>Queues the insert in the session's transaction.</summary>
    public static void Store(IDocumentSession session, string schema, Guid id, byte[] content, string table = Table) =>
        session.QueueSqlCommand($"insert into {schema}.{table} (tenant_id, id, content) values (?, ?, ?)", session.TenantId, id, content);

    public static async Task<byte[]?> LoadAsync(IQuerySession session, string schema, Guid id, CancellationToken ct, string table = Table)
    {
        var rows = await session.AdvancedSql.QueryAsync<string>(
            $"select encode(content, 'base64') from {schema}.{table} where tenant_id = ? and id = ?", ct, session.TenantId, id);
        return rows.Count == 0 ? null : Convert.FromBase64String(rows[0]);
    }
}
