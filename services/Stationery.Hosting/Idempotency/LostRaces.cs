using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stationery.Hosting.Messaging;

namespace Stationery.Hosting.Idempotency;

/// <summary>
/// A command that lost a race to another writer of the same stream (a bot appending its answer to the channel a clerk posts
/// in, two tills selling the last box at once) is run again, not refused: nothing of the losing run was committed, so it is
/// run afresh on a new DI scope (a new session, reading the winner's state) after a short random wait, up to
/// <see cref="Attempts"/> times. Only a command that keeps losing answers 409. The consumers ride the same races out in
/// <see cref="IdempotentConsumer{T}"/>; this is the HTTP side of <see cref="PlatformRetry.IsConflict"/>.
/// </summary>
/// <remarks>
/// Put it outside <see cref="RepeatedRequests"/> (add it first): each run then keeps its <c>Idempotency-Key</c> record in the
/// session of that run, committed with that run's effect.
/// </remarks>
public static class LostRaces
{
    /// <summary>Runs of one command against write conflicts (the first included).</summary>
    public const int Attempts = 5;

    public static TBuilder WithLostRacesRunAgain<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder =>
        group.AddEndpointFilter(FilterAsync);

    /// <summary>A write conflict (<see cref="PlatformRetry.IsConflict"/>), or PostgreSQL choosing this transaction as a deadlock's victim.</summary>
    public static bool Lost(Exception e) =>
        PlatformRetry.IsConflict(e) || e.FindInner<Npgsql.PostgresException>() is { SqlState: "40P01" or "40001" };

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);

        var requestServices = http.RequestServices;
        var scopes = requestServices.GetRequiredService<IServiceScopeFactory>();
        for (var attempt = 1; ; attempt++)
        {
            // Each run has a scope (a session) of its own, disposed as soon as the run fails: a failed run's transaction
            // still holds its locks until it is rolled back, and the next run would queue behind them.
            var scope = scopes.CreateAsyncScope();
            http.RequestServices = scope.ServiceProvider;
            Rebind(context, scope.ServiceProvider);
            try
            {
                var result = await next(context);
                // The answer may still be written from what the run's services hold: they go with the response.
                http.Response.RegisterForDisposeAsync(scope);
                return result;
            }
            catch (Exception e) when (attempt < Attempts && Lost(e) && !http.RequestAborted.IsCancellationRequested)
            {
                await scope.DisposeAsync();
                requestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LostRaces))
                    .LogInformation("{Method} {Path} lost a race to another writer ({Error}); run {Attempt} of {Attempts} follows",
                        http.Request.Method, http.Request.Path, e.GetType().Name, attempt + 1, Attempts);
                await Task.Delay(PlatformRetry.ConflictDelay(attempt), http.RequestAborted);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
            finally
            {
                http.RequestServices = requestServices;
            }
        }
    }

    /// <summary>The handler's services (its session above all) taken from the new scope; its body, route values and user stay.</summary>
    private static void Rebind(EndpointFilterInvocationContext context, IServiceProvider services)
    {
        var handler = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>();
        if (handler is null) return;
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var parameters = handler.GetParameters();
        for (var i = 0; i < parameters.Length && i < context.Arguments.Count; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsValueType || type == typeof(string) || !isService.IsService(type)) continue;
            context.Arguments[i] = services.GetRequiredService(type);
        }
    }

    private static T? FindInner<T>(this Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T found) return found;
        return e is AggregateException aggregate ? aggregate.InnerExceptions.Select(i => i.FindInner<T>()).FirstOrDefault(f => f is not null) : null;
    }
}
