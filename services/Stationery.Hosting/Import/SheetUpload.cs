using Microsoft.AspNetCore.Http;
using Stationery.Hosting.Errors;

namespace Stationery.Hosting.Import;

/// <summary>The uploaded spreadsheet of an import request: one file in a multipart form, at most <see cref="MaxBytes"/>.</summary>
public sealed record SheetUpload(string FileName, byte[] Content)
{
    /// <summary>10,000 rows of a catalogue are well under 2 MB as .xlsx and as .csv.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>The size limit Kestrel enforces on import routes (the form's boundaries and names on top of the file).</summary>
    public static readonly Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute RequestLimit = new(MaxBytes + 64 * 1024);

    public static async Task<SheetUpload> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new DomainException("unsupported-media-type",
                "请以 multipart/form-data 上传文件 (file) / send the spreadsheet as multipart/form-data in the field 'file'.", 415);
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        new Validation().Require(file is not null && form.Files.Count == 1, "file", "exactly one file is required").ThrowIfInvalid();
        if (file!.Length > MaxBytes)
            throw new DomainException("payload-too-large",
                $"文件太大：最多 {MaxBytes / 1024 / 1024} MB，请分成几个文件 / the file is {file.Length} bytes; the limit is {MaxBytes}: split it.", 413);
        new Validation().Require(file.Length > 0, "file", "must not be empty").ThrowIfInvalid();

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, ct);
        return new SheetUpload(file.FileName, content);
    }
}
