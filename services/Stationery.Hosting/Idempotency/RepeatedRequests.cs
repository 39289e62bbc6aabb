using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Stationery.Hosting.Errors;
using Stationery.Hosting.Security;

namespace Stationery.Hosting.Idempotency;

/// <summary>
/// What a command answered, kept under its <c>Idempotency-Key</c>. The record is inserted into the request's session before
/// the handler runs, so the handler's own <c>SaveChangesAsync</c> commits it in the same transaction as the effect; the
/// answer (status and body) is filled in right after.
/// </summary>
/// <param name="Id">Caller, method, path and key; the tenant is the session's (conjoined).</param>
/// <param name="BodyHash">SHA-256 of the request body: the same key with another body is a client bug, answered 422.</param>
/// <param name="Status">Null while the first request is still running (or if it stopped between commit and answer).</param>
/// <param name="Withheld">The answer carried a secret (a password, a token) that is never stored: a repeat is told so.</param>
public sealed record AnsweredRequest(string Id, string BodyHash, DateTimeOffset At, int? Status = null, string? ContentType = null,
    byte[]? Body = null, string? Location = null, bool Withheld = false);

/// <summary>Endpoint metadata: the answer holds a secret (a temporary password, a refresh token), so it is not kept.</summary>
public sealed class SecretAnswer;

/// <summary>
/// 幂等: a phone or till that lost the answer to a command sends it again with the same <c>Idempotency-Key</c>; the repeat
/// gets the first answer and has no effect of its own. One endpoint filter on each service's API group does this for every
/// command route (POST, PUT, PATCH, DELETE).
/// </summary>
public static class RepeatedRequests
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    /// <summary>Set on an answer replayed from the first request (as Stripe names it): the handler did not run again.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Applies the rule to every command route of the group (and of the groups under it).</summary>
    public static TBuilder WithRepeatedRequests<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder =>
        group.AddEndpointFilter(FilterAsync);

    /// <summary>
    /// The answer of this command holds a secret (a password, a session's tokens): it has one effect like every command,
    /// but its answer is not stored, and a repeat gets a 409 saying the command was applied and its answer is not kept.
    /// </summary>
    public static TBuilder WithSecretAnswer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SecretAnswer());

    /// <summary>
    /// Lets the filter read a command's body after model binding has consumed it. Only requests that carry the header pay
    /// for the buffer.
    /// </summary>
    public static IApplicationBuilder UseRepeatedRequestBuffering(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (IsCommand(http.Request.Method) && http.Request.Headers.ContainsKey(Header)) http.Request.EnableBuffering();
            return next(http);
        });

    private static bool IsCommand(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString().Trim();
        // Anonymous routes (login, chain sign-up) have no tenant to keep an answer under: they are left as they are.
        if (!IsCommand(http.Request.Method) || key.Length == 0 || http.User.TenantId() is null) return await next(context);

        new Validation().Require(key.Length <= MaxKeyLength, Header, $"须为 1 至 {MaxKeyLength} 个字符 / must be 1 to {MaxKeyLength} characters")
            .ThrowIfInvalid();

        var ct = http.RequestAborted;
        var session = http.RequestServices.GetRequiredService<IDocumentSession>();
        var id = $"{http.User.UserId()}|{http.Request.Method}|{http.Request.Path}|{key}";
        var hash = await BodyHashAsync(http.Request, ct);

        if (await session.LoadAsync<AnsweredRequest>(id, ct) is { } earlier) return await ReplayAsync(session, earlier, hash, ct);

        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var record = new AnsweredRequest(id, hash, clock.GetUtcNow());
        session.Insert(record);

        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException
                                      or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            // The same request raced itself and the other one committed first: answer what it answered.
            await using var query = session.DocumentStore.QuerySession(session.TenantId);
            if (await query.LoadAsync<AnsweredRequest>(id, ct) is { } first) return await ReplayAsync(session, first, hash, ct);
            throw;
        }

        var answer = await CaptureAsync(http, result);
        // Only a success is kept: a refused command changed nothing, and the retry is judged afresh.
        if (answer.Status is < 200 or >= 300) return answer.Result;

        // In a session of its own: the request's may hold the leftovers of a commit that lost a race the handler absorbed.
        await using var own = session.DocumentStore.LightweightSession(session.TenantId);
        if (await own.LoadAsync<AnsweredRequest>(id, ct) is { Status: not null } answered) return Replay(answered, hash);
        own.Store(http.GetEndpoint()?.Metadata.GetMetadata<SecretAnswer>() is not null
            ? record with { Status = answer.Status, Withheld = true }
            : record with { Status = answer.Status, ContentType = answer.ContentType, Body = answer.Body, Location = answer.Location });
        await own.SaveChangesAsync(ct);
        return answer.Result;
    }

    private static async Task<string> BodyHashAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.Body.CanSeek) return Convert.ToHexString(SHA256.HashData([]));
        request.Body.Position = 0;
        byte[] hash;
        if (MultipartBoundary(request) is { } boundary)
        {
            // A browser picks a new boundary for every send of the same form: the parts are what must match.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            hash = SHA256.HashData(Without(body.ToArray(), boundary));
        }
        else hash = await SHA256.HashDataAsync(request.Body, ct);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    private static byte[]? MultipartBoundary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(type.Boundary) is { Length: > 0 } b
            ? Encoding.ASCII.GetBytes(b.ToString())
            : null;

    private static byte[] Without(byte[] body, byte[] boundary)
    {
        var kept = new MemoryStream(body.Length);
        var rest = body.AsSpan();
        while (rest.IndexOf(boundary) is var at and >= 0)
        {
            kept.Write(rest[..at]);
            rest = rest[(at + boundary.Length)..];
        }
        kept.Write(rest);
        return kept.ToArray();
    }

    /// <summary>
    /// A record without an answer belongs to a first request that has committed its effect and is writing its answer (a
    /// repeat that raced it lands here): wait a little for that answer rather than refuse a well-behaved retry.
    /// </summary>
    private static async Task<IResult> ReplayAsync(IDocumentSession session, AnsweredRequest earlier, string hash, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + AnswerWait;
        while (earlier.Status is null && earlier.BodyHash == hash && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct);
            await using var query = session.DocumentStore.QuerySession(session.TenantId);
            earlier = await query.LoadAsync<AnsweredRequest>(earlier.Id, ct) ?? earlier;
        }
        return Replay(earlier, hash);
    }

    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The record is committed with the effect, the answer right after: a record still without an answer this long after
    /// its request began belongs to a service that stopped in between. Its effect stands; only the answer is gone.
    /// </summary>
    public static readonly TimeSpan AnswerLostAfter = TimeSpan.FromSeconds(30);

    private static IResult Replay(AnsweredRequest earlier, string hash)
    {
        if (!string.Equals(earlier.BodyHash, hash, StringComparison.Ordinal))
            return TypedResults.Problem(new ProblemDetails
            {
                Status = 422, Type = PlatformProblemDetails.TypeBase + "idempotency-key-reused", Title = "Idempotency-Key reused",
                Detail = $"同一个 {Header} 已用于另一个请求内容；每个新请求须用新的 {Header}。 / This {Header} was already used " +
                         $"with a different request body; send a new {Header} for a new request.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [Header] = [FieldRules.ChineseFirst("must not be reused with a different body")] } },
            });
        if (earlier.Status is null && DateTimeOffset.UtcNow - earlier.At > AnswerLostAfter)
            return AlreadyApplied("answer-lost", "Already applied; the answer was lost",
                $"使用此 {Header} 的请求已经执行过一次，但它的回答没有保存下来（服务在回答前中断）。请刷新查看结果，不要用新的 {Header} 重发，否则会再执行一次。 / " +
                $"The request with this {Header} was already applied, but its answer was lost (the service stopped before answering). " +
                $"Reload to see the outcome; do not resend it with a new {Header}, or it is applied again.");
        if (earlier.Status is not { } status)
            throw new DomainException("request-in-progress",
                $"使用此 {Header} 的第一个请求仍在处理中，请稍后再试。 / The first request with this {Header} is still being processed; try again shortly.");
        if (earlier.Withheld)
            return AlreadyApplied("answer-not-kept", "Already applied; the answer is not kept",
                $"使用此 {Header} 的请求已经执行过一次；它的回答含有密码或令牌，不会保存，也不会再发一次。如需新的，请用新的 {Header} 重新请求。 / " +
                $"The request with this {Header} was already applied; its answer held a password or tokens, which are never kept " +
                $"or sent twice. Send a new request with a new {Header} for new ones.");
        return new ReplayedAnswer(status, earlier.ContentType, earlier.Body ?? [], earlier.Location, Replayed: true);
    }

    /// <summary>A repeat of a command that was applied but whose answer cannot be replayed: 409 saying why, marked replayed.</summary>
    private static ReplayedAnswer AlreadyApplied(string code, string title, string detail) =>
        new(409, "application/problem+json", JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails
        {
            Status = 409, Type = PlatformProblemDetails.TypeBase + code, Title = title, Detail = detail,
        }), null, Replayed: true);

    private sealed record Captured(IResult Result, int Status, string? ContentType, byte[] Body, string? Location);

    /// <summary>Writes the handler's answer into memory, so it can be both kept and sent.</summary>
    private static async Task<Captured> CaptureAsync(HttpContext http, object? result)
    {
        var asResult = result switch
        {
            IResult r => r,
            string s => TypedResults.Text(s),
            null => TypedResults.Empty,
            _ => TypedResults.Json(result),
        };
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await asResult.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var body = buffer.ToArray();
        var status = http.Response.StatusCode;
        string? location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
        return new Captured(new ReplayedAnswer(status, http.Response.ContentType, body, location), status, http.Response.ContentType, body, location);
    }

    private sealed class ReplayedAnswer(int status, string? contentType, byte[] body, string? location, bool Replayed = false) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (Replayed) http.Response.Headers[ReplayedHeader] = "true";
            if (contentType is not null) http.Response.ContentType = contentType;
            if (location is not null) http.Response.Headers.Location = location;
            if (body.Length > 0) await http.Response.Body.WriteAsync(body);
        }
    }
}
