using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stationery.Hosting.Errors;

public static class PlatformProblemDetails
{
    public const string TypeBase = "https://stationery.dev/problems/";

    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            if (ctx.ProblemDetails.Type is null || ctx.ProblemDetails.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
                ctx.ProblemDetails.Type = TypeBase + StatusCode(ctx.ProblemDetails.Status);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    private static string StatusCode(int? status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        429 => "rate-limited",
        _ => "server-error",
    };

    /// <summary>Maps every exception to RFC 7807 problem details; nothing returns a stack trace.</summary>
    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var problem = exception switch
            {
                ValidationException v => new HttpValidationProblemDetails(FieldRules.ChineseFirst(v.Errors))
                {
                    Status = 400, Type = TypeBase + "validation", Title = "Invalid request",
                    Detail = "请求中有字段不符合要求，见 errors。 / " + v.Message,
                },
                DomainException d => new ProblemDetails
                {
                    Status = d.Status, Type = TypeBase + d.Code, Title = Title(d.Status), Detail = d.Message,
                },
                BadHttpRequestException b => BadRequest(b),
                // A race still lost after LostRaces' runs (a write conflict, or a deadlock's victim): the caller may simply try again.
                var lost when Idempotency.LostRaces.Lost(lost) => new ProblemDetails
                {
                    Status = 409, Type = TypeBase + "concurrency", Title = "Conflict",
                    Detail = "其他人同时修改了这里，本次未保存，请刷新后重试。Someone else changed this at the same time. Reload and try again.",
                },
                _ => null,
            };
            if (problem is null)
            {
                log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                problem = new ProblemDetails
                {
                    Status = 500, Type = TypeBase + "server-error", Title = "Server error",
                    Detail = "服务器内部出错，本次请求未执行，请稍后重试。 / Something went wrong on our side. The request was not applied.",
                };
            }
            http.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        }

        private static ProblemDetails BadRequest(BadHttpRequestException b)
        {
            if (b.StatusCode == 413)
                return new ProblemDetails { Status = 413, Type = TypeBase + "payload-too-large", Title = "Payload too large", Detail = $"上传内容超过大小上限。 / {b.Message}" };
            if (b.StatusCode == 415)
                return new ProblemDetails { Status = 415, Type = TypeBase + "unsupported-media-type", Title = "Unsupported media type", Detail = $"不支持这种内容类型。 / {b.Message}" };
            if (b.InnerException is JsonException json)
            {
                var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
                return new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field == "" ? "body" : field] = ["不是此字段可接受的 JSON / is not valid JSON for this field"],
                })
                {
                    Status = 400, Type = TypeBase + "malformed-json", Title = "Malformed JSON",
                    Detail = $"请求正文在 {json.Path ?? "$"}（第 {json.LineNumber + 1} 行）不是有效的 JSON。 / The request body is not valid JSON at {json.Path ?? "$"} (line {json.LineNumber + 1}).",
                };
            }
            return new ProblemDetails { Status = b.StatusCode, Type = TypeBase + "bad-request", Title = "Bad request", Detail = $"请求无法解析。 / {b.Message}" };
        }

        private static string Title(int status) => status switch
        {
            400 => "Invalid request",
            403 => "Not allowed",
            404 => "Not found",
            409 => "Conflict",
            _ => "Request failed",
        };
    }
}
