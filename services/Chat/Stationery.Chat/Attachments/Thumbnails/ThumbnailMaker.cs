using SkiaSharp;

namespace Stationery.Chat.Attachments.Thumbnails;

/// <summary>A small preview of an image attachment: JPEG, at most <see cref="ThumbnailMaker.Box"/> pixels on its longer side.</summary>
public sealed record Thumbnail(byte[] Content, int Width, int Height)
{
    public const string ContentType = "image/jpeg";
}

/// <summary>
/// Makes a thumbnail of an uploaded image (pure: bytes in, bytes out). The image's header is read first, and nothing is
/// decoded when even the smallest decode the codec offers (JPEG and WebP decode at 1/2, 1/4, 1/8 scale; PNG and GIF only at
/// full size) would exceed <see cref="MaxDecodedPixels"/>: a small file claiming a huge picture (a decompression bomb) costs
/// a header read, never the memory. The EXIF orientation of phone photos is applied, transparency lands on white, a GIF
/// gives its first frame. No thumbnail (null) for what cannot be decoded, for a picture over the budget, and for one so small
/// that its thumbnail would not be smaller than the original: clients then show the original.
/// </summary>
public static class ThumbnailMaker
{
    /// <summary>The longer side of a thumbnail, in pixels (a chat bubble shows it at 160 CSS pixels, sharp on 2× screens).</summary>
    public const int Box = 320;

    /// <summary>At most this many pixels are ever decoded for one thumbnail (64 MB of RGBA).</summary>
    public const long MaxDecodedPixels = 16_000_000;

    /// <summary>Neither side of a picture may claim more than this (Skia's own limits are far above).</summary>
    public const int MaxSide = 30_000;

    public const int Quality = 80;

    public static Thumbnail? Make(byte[] content)
    {
        try
        {
            return MakeOrNull(content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A malformed file the codec refuses half-way is no reason to refuse the upload: it just has no thumbnail.
            return null;
        }
    }

    private static Thumbnail? MakeOrNull(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide) return null;

        var scale = Math.Min(1f, (float)Box / Math.Max(width, height));
        var decoded = codec.GetScaledDimensions(scale);
        if (decoded.Width <= 0 || decoded.Height <= 0 || (long)decoded.Width * decoded.Height > MaxDecodedPixels) return null;

        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        // A truncated file still decodes its first rows (the rest stays blank): a preview of what is there.
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;

        var target = new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        var thumbnail = Render(bitmap, target, codec.EncodedOrigin);
        return thumbnail.Content.Length < content.Length ? thumbnail : null;
    }

    private static Thumbnail Render(SKBitmap source, SKSizeI size, SKEncodedOrigin origin)
    {
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outWidth, outHeight) = turned ? (size.Height, size.Width) : (size.Width, size.Height);
        using var surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not allocate the thumbnail surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(Orientation(origin, size.Width, size.Height));
        using (var image = SKImage.FromBitmap(source))
            canvas.DrawImage(image, SKRect.Create(size.Width, size.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return new Thumbnail(encoded.ToArray(), outWidth, outHeight);
    }

    /// <summary>Maps the stored picture (w × h) onto the upright one, for each of the eight EXIF orientations.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
