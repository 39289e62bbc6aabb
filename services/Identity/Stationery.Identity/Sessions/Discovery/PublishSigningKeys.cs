using Microsoft.AspNetCore.Http.HttpResults;
using Stationery.Hosting.Security;

namespace Stationery.Identity.Sessions.Discovery;

/// <summary>
/// Key discovery as in OpenID Connect: the public half of every signing key (JWKS) and a discovery document pointing at
/// it, anonymous. The gateway and the services fetch them at start and again when a token names a <c>kid</c> they do not
/// hold, so a rotated key is picked up without a restart.
/// </summary>
public static class PublishSigningKeys
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    public sealed record Discovery(
        [property: System.Text.Json.Serialization.JsonPropertyName("issuer")] string Issuer,
        [property: System.Text.Json.Serialization.JsonPropertyName("jwks_uri")] string JwksUri,
        [property: System.Text.Json.Serialization.JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> Algorithms);

    public static IEndpointRouteBuilder MapPublishSigningKeys(this IEndpointRouteBuilder app)
    {
        app.MapGet(DiscoveryPath, (HttpRequest request, JwtSettings settings) =>
                TypedResults.Ok(new Discovery(settings.Issuer, $"{request.Scheme}://{request.Host}{request.PathBase}{JwksPath}", ["ES256"])))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(JwksPath, (AccessTokens tokens) => TypedResults.Text(SigningKeys.Jwks(tokens.Keys), "application/json"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
