using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Stationery.Hosting.Security;

/// <summary>A process was started without the key it needs; the message says how to make one.</summary>
public sealed class MissingKeyException(string message) : Exception(message);

/// <summary>
/// Loading the platform's ES256 keys: Identity's private keys (PEM, as <c>openssl ecparam</c> writes them) and the public
/// JWKS everyone else verifies with. A key's <c>kid</c> is its RFC 7638 thumbprint, so the same key has the same id everywhere.
/// </summary>
public static class SigningKeys
{
    public const string HowToMakeOne =
        "Make one with: openssl ecparam -name prime256v1 -genkey -noout -out identity-signing-key.pem " +
        "(./stationery up does this under .stationery/keys/).";

    /// <summary>Identity's keys from <see cref="JwtSettings.SigningKeys"/>, newest first; refuses to go on without one.</summary>
    public static IReadOnlyList<ECDsaSecurityKey> LoadPrivate(JwtSettings settings)
    {
        if (settings.SigningKeys.Count == 0 || settings.SigningKeys.All(string.IsNullOrWhiteSpace))
            throw new MissingKeyException(
                "Identity has no token signing key (Jwt:SigningKeys:0, environment Jwt__SigningKeys__0: a PEM file path or PEM text). " + HowToMakeOne);
        return settings.SigningKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(FromPem).ToList();
    }

    /// <summary>The public JWKS of <paramref name="keys"/> (what <c>/.well-known/jwks.json</c> serves).</summary>
    public static string Jwks(IEnumerable<ECDsaSecurityKey> keys)
    {
        var entries = keys.Select(k =>
        {
            var p = k.ECDsa.ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, string>
            {
                ["kty"] = "EC", ["use"] = "sig", ["alg"] = SecurityAlgorithms.EcdsaSha256, ["crv"] = "P-256", ["kid"] = k.KeyId,
                ["x"] = Base64UrlEncoder.Encode(p.Q.X!), ["y"] = Base64UrlEncoder.Encode(p.Q.Y!),
            };
        });
        return JsonSerializer.Serialize(new { keys = entries });
    }

    /// <summary>The verification keys in a JWKS document (the JSON text, or a path to a file holding it).</summary>
    public static IReadOnlyList<SecurityKey> FromJwks(string jwksOrPath)
    {
        var json = jwksOrPath.TrimStart().StartsWith('{') ? jwksOrPath : File.ReadAllText(jwksOrPath);
        var keys = new JsonWebKeySet(json).GetSigningKeys();
        return keys.Count > 0 ? keys.ToList() : throw new MissingKeyException("Jwt:Jwks holds no usable signing key.");
    }

    private static ECDsaSecurityKey FromPem(string pemOrPath)
    {
        var pem = pemOrPath.Contains("-----BEGIN", StringComparison.Ordinal) ? pemOrPath
            : File.Exists(pemOrPath) ? File.ReadAllText(pemOrPath)
            : throw new MissingKeyException($"The token signing key file '{pemOrPath}' does not exist. " + HowToMakeOne);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new MissingKeyException($"The token signing key is not an EC private key in PEM ({e.Message}). " + HowToMakeOne);
        }
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        if (parameters.D is null || parameters.Curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256") && parameters.Curve.Oid.Value != "1.2.840.10045.3.1.7")
            throw new MissingKeyException("The token signing key must be a P-256 (prime256v1) private key. " + HowToMakeOne);
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
