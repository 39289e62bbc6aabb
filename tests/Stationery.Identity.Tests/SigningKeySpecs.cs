using System.Security.Cryptography;
using Stationery.Hosting.Security;
using Stationery.Testing;

namespace Stationery.Identity.Tests;

/// <summary>Loading Identity's signing keys: a PEM file as openssl writes it, PKCS#8 too; the wrong curve or nothing is refused.</summary>
public class SigningKeySpecs
{
    [Fact]
    public void A_key_file_as_openssl_ecparam_writes_it_loads_with_its_thumbprint_as_kid()
    {
        var path = Path.Combine(Path.GetTempPath(), $"identity-signing-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, TestTokens.PrivateKeyPem);
        try
        {
            var key = SigningKeys.LoadPrivate(new JwtSettings { SigningKeys = [path] }).Single();
            key.KeyId.ShouldBe(TestTokens.Key.KeyId, "the same key has the same kid wherever it is loaded");
            key.KeyId.Length.ShouldBe(43);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_pkcs8_key_loads_and_its_jwks_holds_only_the_public_half()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = SigningKeys.LoadPrivate(new JwtSettings { SigningKeys = [ecdsa.ExportPkcs8PrivateKeyPem()] }).Single();
        var jwks = SigningKeys.Jwks([key]);
        jwks.ShouldContain(key.KeyId);
        jwks.ShouldNotContain("\"d\"");
        SigningKeys.FromJwks(jwks).Single().KeyId.ShouldBe(key.KeyId);
    }

    [Fact]
    public void No_key_a_missing_file_and_a_key_on_another_curve_are_refused_saying_how_to_make_one()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        foreach (var keys in new List<string>[] { [], [""], ["/nowhere/identity-signing-key.pem"], [p384.ExportECPrivateKeyPem()] })
            Should.Throw<MissingKeyException>(() => SigningKeys.LoadPrivate(new JwtSettings { SigningKeys = keys }))
                .Message.ShouldContain("openssl ecparam -name prime256v1 -genkey -noout -out");
    }
}
