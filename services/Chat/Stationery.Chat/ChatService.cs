using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using Stationery.Chat.Alerts;
using Stationery.Chat.Alerts.Watching;
using Stationery.Chat.Alerts.SlowMovers;
using Stationery.Chat.Attachments;
using Stationery.Chat.Bridge;
using Stationery.Chat.Catalogue;
using Stationery.Chat.Channels;
using Stationery.Chat.Channels.AdHoc;
using Stationery.Chat.Channels.Listing;
using Stationery.Chat.Channels.MarkingRead;
using Stationery.Chat.Channels.Notifying;
using Stationery.Chat.Directory;
using Stationery.Chat.Integration;
using Stationery.Chat.Live;
using Stationery.Chat.Messages;
using Stationery.Chat.Messages.Cards;
using Stationery.Chat.Messages.Editing;
using Stationery.Chat.Messages.Posting;
using Stationery.Chat.Messages.Reading;
using Stationery.Chat.Messages.Receipts;
using Stationery.Chat.Messages.Searching;
using Stationery.Chat.Suppliers;
using Stationery.Chat.Stocktakes;
using Stationery.Chat.Stocktakes.Counting;
using Stationery.Chat.Stocktakes.Variances;
using Stationery.Chat.Transfers;
using Stationery.Hosting.Idempotency;
using Stationery.Hosting.Messaging;

namespace Stationery.Chat;

/// <summary>Marker for the Chat service (tests host it with <c>ServiceFactory&lt;ChatService&gt;</c>).</summary>
public sealed class ChatService;

public static class ChatModule
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IIntegrationEventMap, ChatEvents>();
        services.AddSingleton(StockBotTexts.For(builder.Configuration["Chat:BotLanguage"]));
        services.AddSingleton(SupplierBotTexts.For(builder.Configuration["Chat:BotLanguage"]));
        services.AddSingleton<SlowMoverDigestPass>();
        services.AddHostedService(sp => sp.GetRequiredService<SlowMoverDigestPass>());
        services.ConfigureMarten(opts =>
        {
            opts.Events.AddEventTypes([
                typeof(ChannelOpened), typeof(MemberJoined), typeof(MemberLeft), typeof(ChannelDescribed), typeof(MessagePosted), typeof(MessageEdited), typeof(MessageDeleted),
                typeof(CardActionPressed), typeof(CardUpdated), typeof(StockReported), typeof(RestockRequested),
                typeof(BranchRecorded), typeof(StaffRecorded), typeof(StaffRolesRecorded), typeof(StaffDisabledRecorded), typeof(ChannelReadUpTo),
                typeof(SupplierRecorded), typeof(StocktakeCountReported),
            ]);
            opts.Projections.Add(new ChannelProjection(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new DirectoryProjection(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new MessageProjection(), ProjectionLifecycle.Inline);
            opts.Projections.Add(new ReadMarkerProjection(), ProjectionLifecycle.Inline);
            // Paging reads (channel, seq); unique per chain, so a seq can never be handed out twice.
            opts.Schema.For<ChatMessage>().UniqueIndex(UniqueIndexType.Computed, "ux_chat_message_seq", TenancyScope.PerTenant,
                m => m.ChannelId, m => m.Seq);
            // Search: ILIKE '%q%' on the text, served by a trigram index (substrings of Chinese text have no word boundaries).
            opts.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
            opts.Schema.For<ChatMessage>().Index(m => m.Text, index =>
            {
                index.Name = "ix_chat_message_text_trgm";
                index.Method = Weasel.Postgresql.Tables.IndexMethod.gin;
                index.Mask = "? gin_trgm_ops";
            });
            opts.Schema.For<ClientMessageReceipt>();
            opts.Schema.For<StockWatch>();
            opts.Schema.For<CatalogueItem>();
            opts.Schema.For<StockFigure>();
            opts.Schema.For<PurchaseOrderCard>();
            opts.Schema.For<TransferCard>();
            opts.Schema.For<ChatStocktake>().Index(s => s.Branch);
            opts.Schema.For<VarianceCard>();
            opts.Schema.For<ZoneFinishedPost>();
            opts.Schema.For<Attachment>();
            opts.Schema.For<SlowMoverNote>().Index(n => n.Branch);
            opts.Schema.For<SlowMoverDigestPosted>();
            opts.Schema.For<NotificationSetting>().Index(s => s.ChannelId);
            AttachmentContent.AddTables(opts);
        });
        services.AddLiveDelivery();
        return builder;
    }

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat").WithTags("Chat").WithLostRacesRunAgain().WithRepeatedRequests();
        api.MapListMyChannels();
        api.MapAdHocChannels();
        api.MapMarkChannelRead();
        api.MapSetNotificationLevel();
        api.MapReadMessages();
        api.MapSearchMessages();
        api.MapPostMessage();
        api.MapEditMessage();
        api.MapEditHistory();
        api.MapReadReceipts();
        api.MapPressCardButton();
        api.MapAttachments();
        // A connection lives no longer than the token it was opened with; the client reconnects with a fresh one.
        app.MapHub<ChatHub>(ChatHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
