using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Stationery.Hosting.Errors;

namespace Stationery.Hosting.Security;

/// <summary>
/// Lets the permission filter answer 404 for a branch the caller's chain does not have (so another chain's branch looks
/// exactly like a missing one) instead of 403. A service that keeps a copy of the branches registers one; without it a
/// branch outside the caller's token is 403 whether it exists or not.
/// </summary>
public interface IBranchDirectory
{
    Task<bool> HasBranchAsync(string branch, CancellationToken ct);
}

/// <summary>Each endpoint names the permission it needs from <see cref="Permissions.Table"/>; this checks it.</summary>
public static class PermissionEndpoints
{
    /// <summary>The OpenAPI extension naming an operation's permission.</summary>
    public const string OpenApiExtension = "x-permission";

    /// <summary>
    /// Declares that the endpoint needs <paramref name="name"/> (endpoint metadata, read by the OpenAPI documents) and
    /// checks it before the handler runs: the caller's roles (403 naming the rule; 404 where the table's row is denied as
    /// 404) and, for a <see cref="Reach.Branch"/>
    /// permission on a route with <c>{branch}</c>, that the branch is in the caller's token (hq: all) — 404 when the
    /// chain has no such branch, 403 otherwise. An anonymous permission (<c>session</c>) lets anyone in.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder
    {
        var permission = Permissions.Named(name);
        builder.WithMetadata(permission);
        if (permission.Anonymous) return builder.AllowAnonymous();
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            await CheckAsync(permission, ctx.HttpContext);
            return await next(ctx);
        });
        return builder;
    }

    private static async Task CheckAsync(Permission permission, HttpContext http)
    {
        var user = http.User;
        if (!permission.Roles.Any(user.IsInRole))
        {
            // Where the table hides that the thing exists (a channel one is not in), a refused role learns nothing either.
            if (permission.Denied == 404) throw new NotFoundException("资源 resource", http.Request.Path);
            throw new ForbiddenException(permission.RoleRefusal(user));
        }
        if (permission.Reach != Reach.Branch || http.GetRouteValue("branch") is not string branch || user.CanAccessBranch(branch)) return;
        if (user.IsSupplierGuest() && permission.Allows(PlatformRoles.Supplier)) return;
        if (http.RequestServices.GetService<IBranchDirectory>() is { } directory && !await directory.HasBranchAsync(branch, http.RequestAborted))
            throw new NotFoundException("门店 branch", branch);
        throw new ForbiddenException(permission.BranchRefusal(branch), ForbiddenException.BranchReach);
    }

    /// <summary>Writes each operation's permission into the OpenAPI document as <c>x-permission</c>.</summary>
    public static OpenApiOptions AddPermissionExtension(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Permission>().LastOrDefault() is { } permission)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[OpenApiExtension] = new JsonNodeExtension(JsonValue.Create(permission.Name));
            }
            return Task.CompletedTask;
        });
}
