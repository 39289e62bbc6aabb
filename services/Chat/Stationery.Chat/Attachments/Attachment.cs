using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Contract = Stationery.Contracts.Chat;

namespace Stationery.Chat.Attachments;

/// <summary>
/// An uploaded file's facts. Its bytes live in <see cref="AttachmentContent"/>'s table, written in the same transaction.
/// Visible to its uploader, and to the members of every channel it was posted in.
/// </summary>
public sealed record Attachment(Guid Id, string UploaderId, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt,
    string[] Channels)
{
    public AttachmentRef Ref => new(Id, ContentType, Size, FileName);

    public bool PostedIn(string channelId) => Channels.Contains(channelId, StringComparer.Ordinal);
}

/// <summary>What a message says about its attachment (enough to show it without loading the bytes).</summary>
public sealed record AttachmentRef(Guid Id, string ContentType, long Size, string FileName)
{
    public Contract.ChatAttachment ToContract() => new(Id.ToString(), ContentType, Size, FileName);
}

/// <summary>
/// The bytes of attachments: a plain <c>bytea</c> table in the chat schema (a JSON document would store them base64,
/// a third larger), keyed by chain and id so one chain can never read another's, created and migrated with Marten's schema.
/// </summary>
public static class AttachmentContent
{
    public const string Table = "chat_attachment_content";

    public static void AddTable(StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Queues the insert in the session's transaction.</summary>
    public static void Store(IDocumentSession session, string schema, Guid id, byte[] content) =>
        session.QueueSqlCommand($"insert into {schema}.{Table} (tenant_id, id, content) values (?, ?, ?)", session.TenantId, id, content);

    public static async Task<byte[]?> LoadAsync(IQuerySession session, string schema, Guid id, CancellationToken ct)
    {
        var rows = await session.AdvancedSql.QueryAsync<string>(
            $"select encode(content, 'base64') from {schema}.{Table} where tenant_id = ? and id = ?", ct, session.TenantId, id);
        return rows.Count == 0 ? null : Convert.FromBase64String(rows[0]);
    }
}
