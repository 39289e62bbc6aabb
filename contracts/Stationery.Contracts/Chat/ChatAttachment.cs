namespace Stationery.Contracts.Chat;

/// <summary>A file attached to a message; its bytes are at <c>GET /api/chat/attachments/{id}</c> (members of the channel only).</summary>
/// <param name="Id">The attachment's id.</param>
/// <param name="ContentType">The type sniffed from its content (image/png, image/jpeg, image/gif, image/webp, application/pdf).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="FileName">The name it was uploaded with.</param>
/// <param name="HasThumbnail">An image with a small JPEG preview at <c>GET /api/chat/attachments/{id}/thumbnail</c> (same access rule).</param>
public sealed record ChatAttachment(string Id, string ContentType, long Size, string FileName, bool HasThumbnail = false);
