using System.Security.Claims;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Chat.Channels;
using Stationery.Chat.Directory;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Chat.Messages.Searching;

public sealed record SearchHit(string ChannelName, MessageDto Message);

/// <summary>A page of hits, newest first; <see cref="NextCursor"/> asks for the next page (null: there is none).</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Items, string? NextCursor);

/// <summary>
/// <c>GET /api/chat/search?q=&amp;limit=&amp;cursor=</c>: messages containing <c>q</c>, in the caller's channels only. A substring
/// match (<c>ILIKE '%q%'</c>, served by a trigram index), so Chinese text without word spaces is found by any part of it.
/// </summary>
public static class SearchMessages
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 100;
    /// <summary>Deeper than this, skipping rows costs the database more than a narrower search would: ask for one.</summary>
    public const int MaxOffset = 1_000;

    public static RouteGroupBuilder MapSearchMessages(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Handle).RequirePermission("search").WithSummary("Search the messages of your channels (substring, works for Chinese), newest first, paged.");
        return api;
    }

    /// <summary>The ILIKE pattern for a literal substring: %, _ and the escape character itself are matched as written.</summary>
    public static string Pattern(string q) =>
        "%" + q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private static async Task<Ok<SearchPage>> Handle(string? q, int? limit, string? cursor, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var offset = 0;
        new Validation()
            .NotEmpty(q, "q", MaxQueryLength)
            .Require(limit is null or >= 1 and <= MaxLimit, "limit", $"must be between 1 and {MaxLimit}")
            .Require(cursor is null || (int.TryParse(cursor, out offset) && offset >= 0), "cursor", "must be a cursor from the previous page")
            .Require(offset <= MaxOffset, "cursor",
                $"翻页最多到第 {MaxOffset} 条(offset),请缩小搜索范围 / the offset must be at most {MaxOffset}; narrow the search")
            .ThrowIfInvalid();
        var me = user.UserId();
        var channels = (await session.Query<Channel>().Where(c => c.Members.Contains(me)).ToListAsync(ct)).ToDictionary(c => c.Id);
        if (channels.Count == 0) return TypedResults.Ok(new SearchPage([], null));

        var take = limit ?? DefaultLimit;
        var ids = channels.Keys.ToArray();
        var found = await session.Query<ChatMessage>()
            .Where(m => m.ChannelId.IsOneOf(ids) && !m.Deleted && m.MatchesSql(@"d.data ->> 'Text' ILIKE ? ESCAPE '\'", Pattern(q!.Trim())))
            .OrderByDescending(m => m.PostedAt)
            .ThenByDescending(m => m.Seq)
            .Skip(offset)
            .Take(take + 1)
            .ToListAsync(ct);
        // Price talk a reader may not see is not found either: a hit would tell what it says.
        var viewer = PriceViewer.Of(user);
        var directory = await session.LoadAsync<ChatDirectory>(ChatDirectory.StreamId, ct) ?? ChatDirectory.Empty;
        IReadOnlyList<SearchHit> hits =
        [
            .. found.Take(take).Where(m => !m.HidesTextFrom(viewer, directory))
                .Select(m => new SearchHit(channels[m.ChannelId].Name, m.ToDto().For(viewer, directory))),
        ];
        return TypedResults.Ok(new SearchPage(hits, found.Count > take ? (offset + take).ToString() : null));
    }
}
