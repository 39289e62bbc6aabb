using CsCheck;
using SkiaSharp;
using Stationery.Chat.Attachments;
using Stationery.Chat.Attachments.Thumbnails;

namespace Stationery.Chat.Tests;

/// <summary>Thumbnails of image attachments (pure; no servers).</summary>
public sealed class ThumbnailSpecs
{
    /// <summary>A photo-like picture (noise defeats compression, so the file is big like a real photo).</summary>
    public static byte[] Picture(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, SKColor? fill = null, int seed = 1)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var color = fill ?? new SKColor((byte)(x * 255 / width), (byte)random.Next(256), (byte)(y * 255 / height));
            var i = (y * width + x) * 4;
            (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (color.Red, color.Green, color.Blue, color.Alpha);
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    private static SKImageInfo Decoded(byte[] bytes, out SKEncodedImageFormat format)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes)).ShouldNotBeNull();
        format = codec.EncodedFormat;
        return codec.Info;
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 1600, 1200, 320, 240)]
    [InlineData(SKEncodedImageFormat.Jpeg, 1200, 1600, 240, 320)]
    [InlineData(SKEncodedImageFormat.Webp, 900, 300, 320, 107)]
    public void A_photo_becomes_a_much_smaller_jpeg_fitting_the_box_with_its_proportions(SKEncodedImageFormat format, int width, int height,
        int thumbWidth, int thumbHeight)
    {
        var photo = Picture(width, height, format);

        var thumbnail = ThumbnailMaker.Make(photo).ShouldNotBeNull();

        thumbnail.Content.Length.ShouldBeLessThan(photo.Length / 4);
        ContentSniffing.Sniff(thumbnail.Content).ShouldBe(Thumbnail.ContentType);
        var info = Decoded(thumbnail.Content, out var encoded);
        (encoded, info.Width, info.Height, thumbnail.Width, thumbnail.Height)
            .ShouldBe((SKEncodedImageFormat.Jpeg, thumbWidth, thumbHeight, thumbWidth, thumbHeight));
    }

    [Fact]
    public void A_phone_photo_stored_sideways_is_thumbnailed_upright_as_its_exif_orientation_says()
    {
        var sideways = WithExifOrientation(Picture(800, 600, SKEncodedImageFormat.Jpeg), 6);

        var thumbnail = ThumbnailMaker.Make(sideways).ShouldNotBeNull();

        (thumbnail.Width, thumbnail.Height).ShouldBe((240, 320));
    }

    [Fact]
    public void Transparency_lands_on_white()
    {
        var clear = Picture(600, 600, fill: SKColors.Transparent);
        // A fully transparent picture compresses to almost nothing; its thumbnail is no smaller, so check the rendering itself.
        var thumbnail = ThumbnailMaker.Make([.. clear, .. new byte[20_000]]).ShouldNotBeNull();

        using var bitmap = SKBitmap.Decode(thumbnail.Content);
        var pixel = bitmap.GetPixel(100, 100);
        new[] { pixel.Red, pixel.Green, pixel.Blue }.ShouldAllBe(c => c > 245);
    }

    [Fact]
    public void A_picture_smaller_than_its_thumbnail_would_be_gets_none()
    {
        ThumbnailMaker.Make(Picture(8, 8, fill: SKColors.Red)).ShouldBeNull();
    }

    [Fact]
    public void A_small_file_claiming_a_huge_picture_is_never_decoded()
    {
        // 20,000 × 20,000 would be 1.6 GB of pixels; PNG cannot be decoded at a reduced scale, so it gets no thumbnail.
        ThumbnailMaker.Make(PngClaiming(20_000, 20_000)).ShouldBeNull();
        ThumbnailMaker.Make(PngClaiming(40_000, 10)).ShouldBeNull();
    }

    [Fact]
    public void A_huge_jpeg_is_decoded_at_a_fraction_of_its_size()
    {
        // 5000 × 4000 = 20 MP is over the decode budget at full size, but JPEG decodes at 1/8 (625 × 500).
        var big = Picture(5000, 4000, SKEncodedImageFormat.Jpeg);
        var thumbnail = ThumbnailMaker.Make(big).ShouldNotBeNull();
        (thumbnail.Width, thumbnail.Height).ShouldBe((320, 256));
    }

    [Fact]
    public void No_bytes_crash_it_whatever_their_first_bytes_claim()
    {
        byte[][] heads =
        [
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], "GIF89a"u8.ToArray(),
            "RIFF\0\0\0\0WEBP"u8.ToArray(), [],
        ];
        var real = Picture(64, 48, SKEncodedImageFormat.Jpeg);
        Gen.OneOf(
                Gen.Select(Gen.Int[0, heads.Length - 1], Gen.Byte.Array[0, 600], (h, tail) => heads[h].Concat(tail).ToArray()),
                // A real picture, truncated or with bytes flipped.
                Gen.Select(Gen.Int[1, real.Length], Gen.Int[0, real.Length - 1], Gen.Byte, (cut, at, b) =>
                {
                    var bytes = real[..cut];
                    if (at < bytes.Length) bytes[at] = b;
                    return bytes;
                }))
            .Sample(bytes =>
            {
                var thumbnail = ThumbnailMaker.Make(bytes);
                if (thumbnail is not null) thumbnail.Width.ShouldBeLessThanOrEqualTo(ThumbnailMaker.Box);
            }, iter: 1_500);
    }

    /// <summary>A PNG signature and a valid IHDR claiming the size, then an IDAT of nothing much.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var bytes = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] data)
        {
            bytes.AddRange(BigEndian(data.Length));
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            bytes.AddRange(typed);
            bytes.AddRange(BigEndian((int)Crc32(typed)));
        }
        Chunk("IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 6, 0, 0, 0]);
        Chunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk("IEND", []);
        return [.. bytes, .. new byte[4096]];
    }

    /// <summary>Inserts an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
