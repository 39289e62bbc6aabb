namespace Stationery.Contracts.Chat;

/// <summary>A file attached to a message; its bytes are at <c>GET /api/chat/attachments/{id}</c> (members of the channel only).</summary>
/// <param name="Id">The attachment's id.</param>
/// <param name="ContentType">The type sniffed from its content (image/png, image/jpeg, image/gif, image/webp, application/pdf).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="FileName">The name it was uploaded with.</param>
public sealed record ChatAttachment(string Id, string ContentType, long Size, string FileName);
