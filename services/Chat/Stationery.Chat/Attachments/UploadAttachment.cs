using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Attachments.Thumbnails;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Attachments;

public sealed record AttachmentUploaded(string Id, string ContentType, long Size, string FileName, bool HasThumbnail);

/// <summary>
/// <c>POST /api/chat/attachments</c> (multipart, one file in any field), <c>GET /api/chat/attachments/{id}</c> and
/// <c>GET /api/chat/attachments/{id}/thumbnail</c>. Images (PNG, JPEG, GIF, WebP) and PDFs up to <see cref="MaxBytes"/>; the type
/// comes from the content. An image's thumbnail is made while it is uploaded (<see cref="ThumbnailMaker"/>) and stored with it.
/// </summary>
public static class UploadAttachment
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxFileNameLength = 200;

    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        api.MapPost("/attachments", Upload).RequirePermission("attachments.upload")
            .WithSummary("Upload an image or PDF (multipart, at most 10 MB); post it with a message's attachmentIds.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes + 1024 * 1024));
        api.MapGet("/attachments/{id:guid}", Download).RequirePermission("attachments.read").WithSummary("An attachment's bytes: for its uploader and the members of channels it was posted in.");
        api.MapGet("/attachments/{id:guid}/thumbnail", DownloadThumbnail).RequirePermission("attachments.read")
            .WithSummary("An image attachment's thumbnail (JPEG, at most 320 px on its longer side), for whoever may see the attachment; 404 when it has none (hasThumbnail false).");
        return api;
    }

    private static async Task<Created<AttachmentUploaded>> Upload(HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new DomainException("unsupported-media-type", "Send the file as multipart/form-data.", 415);
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.Count == 1 ? form.Files[0] : null;
        new Validation().Require(file is not null, "file", "exactly one file is required").ThrowIfInvalid();
        if (file!.Length > MaxBytes)
            throw new DomainException("attachment-too-large", $"文件太大:最多 {MaxBytes / 1024 / 1024} MB (the file is {file.Length} bytes; the limit is {MaxBytes}).", 413);
        new Validation().Require(file.Length > 0, "file", "must not be empty").ThrowIfInvalid();

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, ct);
        var contentType = ContentSniffing.Sniff(content.AsSpan(0, Math.Min(content.Length, ContentSniffing.HeaderLength)))
            ?? throw new DomainException("unsupported-attachment-type",
                "只能上传图片(PNG、JPEG、GIF、WebP)或 PDF (only images and PDFs can be attached; the file's content is neither).", 415);

        var thumbnail = ContentSniffing.IsImage(contentType) ? ThumbnailMaker.Make(content) : null;
        var attachment = new Attachment(Guid.CreateVersion7(), user.UserId(), FileName(file.FileName), contentType, content.Length,
            clock.GetUtcNow(), [], thumbnail is null ? null : Thumbnail.ContentType);
        session.Store(attachment);
        var schema = store.Options.DatabaseSchemaName;
        AttachmentContent.Store(session, schema, attachment.Id, content);
        if (thumbnail is not null) AttachmentContent.Store(session, schema, attachment.Id, thumbnail.Content, AttachmentContent.ThumbnailTable);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/chat/attachments/{attachment.Id}",
            new AttachmentUploaded(attachment.Id.ToString(), contentType, attachment.Size, attachment.FileName, attachment.HasThumbnail));
    }

    private static async Task<IResult> Download(Guid id, HttpContext http, ClaimsPrincipal user, IQuerySession session, IDocumentStore store,
        CancellationToken ct)
    {
        var attachment = await VisibleAttachmentAsync(id, user, session, ct);
        var content = await AttachmentContent.LoadAsync(session, store.Options.DatabaseSchemaName, id, ct)
            ?? throw new NotFoundException("Attachment", id.ToString());
        Immutable(http);
        // Images show inline; anything else is downloaded, never rendered by the browser in the app's origin.
        return ContentSniffing.IsImage(attachment.ContentType)
            ? TypedResults.File(content, attachment.ContentType)
            : TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    /// <summary>The same rule as the attachment itself; an attachment without a thumbnail (a PDF, an old upload) answers 404.</summary>
    private static async Task<IResult> DownloadThumbnail(Guid id, HttpContext http, ClaimsPrincipal user, IQuerySession session,
        IDocumentStore store, CancellationToken ct)
    {
        var attachment = await VisibleAttachmentAsync(id, user, session, ct);
        var content = attachment.ThumbnailContentType is null
            ? null
            : await AttachmentContent.LoadAsync(session, store.Options.DatabaseSchemaName, id, ct, AttachmentContent.ThumbnailTable);
        if (content is null) throw new NotFoundException("Thumbnail", id.ToString());
        Immutable(http);
        return TypedResults.File(content, attachment.ThumbnailContentType);
    }

    private static async Task<Attachment> VisibleAttachmentAsync(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var attachment = await session.LoadAsync<Attachment>(id, ct);
        if (attachment is null || !await attachment.VisibleToAsync(session, user.UserId(), ct)) throw new NotFoundException("Attachment", id.ToString());
        return attachment;
    }

    private static void Immutable(HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
    }

    private static string FileName(string? raw)
    {
        var name = Path.GetFileName(raw ?? "").Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        if (name.Length == 0) name = "file";
        return name.Length <= MaxFileNameLength ? name : name[^MaxFileNameLength..];
    }
}
