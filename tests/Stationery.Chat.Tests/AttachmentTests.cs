using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stationery.Chat.Messages;
using Stationery.Testing;

namespace Stationery.Chat.Tests;

/// <summary>Attachments: typed by their content, limited in size, kept in PostgreSQL, readable by the channel's members only.</summary>
public sealed class AttachmentTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Png(int size = 512)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        PngHeader.CopyTo(bytes, 0);
        return bytes;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string claimedType = "image/png")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        return client.PostAsync("api/chat/attachments", new MultipartFormDataContent { { file, "file", fileName } });
    }

    private static async Task<string> UploadedIdAsync(HttpClient client, byte[] content, string fileName)
    {
        var response = await UploadAsync(client, content, fileName);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_photo_is_seen_by_its_uploader_and_once_posted_by_the_channels_members_and_nobody_else()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var supplier = fixture.ClientFor("supplier");
        using var otherChain = fixture.Chat.ClientFor(ChatFixture.Token("clerk", tenant: "other-chain"));
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var photo = Png();

        var upload = await UploadAsync(clerk, photo, "货架.png");
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var uploaded = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var id = uploaded.GetProperty("id").GetString()!;
        (uploaded.GetProperty("contentType").GetString(), uploaded.GetProperty("size").GetInt64()).ShouldBe(("image/png", photo.Length));
        (await clerk.GetByteArrayAsync($"api/chat/attachments/{id}")).ShouldBe(photo);
        (await owner.GetAsync($"api/chat/attachments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Someone else's upload cannot be smuggled into a message either.
        (await owner.PostAsJsonAsync("api/chat/channels/main-group/messages", new { clientMessageId = Guid.NewGuid().ToString(), attachmentIds = new[] { id } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var post = await clerk.PostAsJsonAsync("api/chat/channels/main-group/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), attachmentIds = new[] { id } });
        post.StatusCode.ShouldBe(HttpStatusCode.Created);
        var message = (await post.Content.ReadFromJsonAsync<MessageDto>(ChatFixture.Json))!;
        message.Text.ShouldBe("");
        message.Attachments!.ShouldHaveSingleItem().ShouldBe(new Contracts.Chat.ChatAttachment(id, "image/png", photo.Length, "货架.png"));
        var pushed = await Probe.Until(() => Task.FromResult(ownerLive.Received.FirstOrDefault(m => m.Id == message.Id)), m => m is not null,
            what: "the photo message pushed live");
        pushed!.Attachments!.ShouldHaveSingleItem().Id.ShouldBe(id);

        var download = await owner.GetAsync($"api/chat/attachments/{id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(photo);
        foreach (var outsider in new[] { clerkEast, supplier, otherChain })
            (await outsider.GetAsync($"api/chat/attachments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_disguised_executable_is_415_an_oversized_file_413_and_an_overlong_message_400_each_a_problem()
    {
        using var clerk = fixture.ClientFor("clerk");
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

        var disguised = await UploadAsync(clerk, exe, "invoice.png");
        disguised.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        disguised.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await disguised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()!.ShouldEndWith("unsupported-attachment-type");

        var oversized = await UploadAsync(clerk, Png(10 * 1024 * 1024 + 1), "big.png");
        oversized.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        oversized.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        (await clerk.PostAsync("api/chat/attachments", new StringContent("hello"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        var overlong = await clerk.PostAsJsonAsync("api/chat/channels/main-group/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), text = new string('字', 4001) });
        overlong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await overlong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _).ShouldBeTrue();

        var unknown = await clerk.PostAsJsonAsync("api/chat/channels/main-group/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), text = "见附件", attachmentIds = new[] { Guid.NewGuid().ToString(), "not-an-id" } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The limit is inclusive, and PDFs are welcome (downloaded, never rendered inline).
        var pdf = "%PDF-1.7\n%âãÏÓ\n"u8.ToArray().Concat(new byte[1000]).ToArray();
        var pdfId = await UploadedIdAsync(clerk, pdf, "送货单.pdf");
        var pdfDownload = await clerk.GetAsync($"api/chat/attachments/{pdfId}");
        pdfDownload.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdfDownload.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await UploadAsync(clerk, Png(10 * 1024 * 1024), "exactly-10mb.png")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_photo_gets_a_small_jpeg_thumbnail_under_the_same_access_rule_and_a_pdf_gets_none()
    {
        using var clerk = fixture.ClientFor("clerk");
        using var owner = fixture.ClientFor("owner");
        using var clerkEast = fixture.ClientFor("clerk-east");
        using var supplier = fixture.ClientFor("supplier");
        using var otherChain = fixture.Chat.ClientFor(ChatFixture.Token("clerk", tenant: "other-chain"));
        await using var ownerLive = await fixture.ConnectAsync("owner");
        var photo = ThumbnailSpecs.Picture(1600, 1200, SkiaSharp.SKEncodedImageFormat.Jpeg);

        var upload = await UploadAsync(clerk, photo, "货架.jpg", "image/jpeg");
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var uploaded = await upload.Content.ReadFromJsonAsync<JsonElement>();
        uploaded.GetProperty("hasThumbnail").GetBoolean().ShouldBeTrue();
        var id = uploaded.GetProperty("id").GetString()!;
        var thumbnailPath = $"api/chat/attachments/{id}/thumbnail";

        var mine = await clerk.GetAsync(thumbnailPath);
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        mine.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        mine.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var thumbnail = await mine.Content.ReadAsByteArrayAsync();
        thumbnail.Length.ShouldBeLessThan(photo.Length / 4);
        using (var decoded = SkiaSharp.SKBitmap.Decode(thumbnail)) (decoded.Width, decoded.Height).ShouldBe((320, 240));
        // Not posted yet: only its uploader sees it, thumbnail included.
        (await owner.GetAsync(thumbnailPath)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var post = await clerk.PostAsJsonAsync("api/chat/channels/main-group/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), text = "货架照片", attachmentIds = new[] { id } });
        post.StatusCode.ShouldBe(HttpStatusCode.Created);
        var posted = await post.Content.ReadFromJsonAsync<JsonElement>();
        posted.GetProperty("attachments")[0].GetProperty("hasThumbnail").GetBoolean().ShouldBeTrue();
        var messageId = posted.GetProperty("id").GetString();
        var pushed = await Probe.Until(() => Task.FromResult(ownerLive.Received.FirstOrDefault(m => m.Id == messageId)), m => m is not null,
            what: "the photo message pushed live");
        pushed!.Attachments!.ShouldHaveSingleItem().HasThumbnail.ShouldBeTrue();
        (await ChatFixture.MessagesAsync(owner, "main-group", pushed.Seq - 1)).First().Attachments!.ShouldHaveSingleItem().HasThumbnail.ShouldBeTrue();

        (await owner.GetByteArrayAsync(thumbnailPath)).ShouldBe(thumbnail);
        foreach (var outsider in new[] { clerkEast, supplier, otherChain })
            (await outsider.GetAsync(thumbnailPath)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.GetAsync($"api/chat/attachments/{Guid.NewGuid()}/thumbnail")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var pdf = "%PDF-1.7\n"u8.ToArray().Concat(new byte[2000]).ToArray();
        var pdfUpload = await (await UploadAsync(clerk, pdf, "送货单.pdf", "application/pdf")).Content.ReadFromJsonAsync<JsonElement>();
        pdfUpload.GetProperty("hasThumbnail").GetBoolean().ShouldBeFalse();
        var none = await clerk.GetAsync($"api/chat/attachments/{pdfUpload.GetProperty("id").GetString()}/thumbnail");
        none.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        none.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_picture_too_big_to_decode_safely_is_kept_without_a_thumbnail()
    {
        using var clerk = fixture.ClientFor("clerk");
        // Claims 20,000 × 20,000 pixels (1.6 GB decoded) in a few kilobytes.
        var bomb = ThumbnailSpecs.PngClaiming(20_000, 20_000);

        var upload = await UploadAsync(clerk, bomb, "bomb.png");

        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var uploaded = await upload.Content.ReadFromJsonAsync<JsonElement>();
        uploaded.GetProperty("hasThumbnail").GetBoolean().ShouldBeFalse();
        (await clerk.GetAsync($"api/chat/attachments/{uploaded.GetProperty("id").GetString()}/thumbnail")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
