using Stationery.Testing;

namespace Stationery.Security.Tests;

/// <summary>
/// No key ships with the platform: a process started without its key (Identity: the private signing key; the gateway and
/// every other service: a JWKS source) exits non-zero at start, saying how to make one. No whole platform is needed.
/// </summary>
public sealed class MissingKeys : IAsyncLifetime
{
    private const string HowTo = "openssl ecparam -name prime256v1 -genkey -noout -out";

    private readonly ServiceProcesses processes = new();
    private IsolatedServers servers = null!;

    public async Task InitializeAsync() => servers = await TestServers.IsolateAsync("nokey");

    public async Task DisposeAsync()
    {
        await processes.DisposeAsync();
        await servers.DisposeAsync();
    }

    [Fact]
    public async Task Identity_without_its_signing_key_exits_non_zero_saying_how_to_make_one()
    {
        processes.StartService("identity-without-key", "Identity", servers, new Dictionary<string, string> { ["Jwt__SigningKeys__0"] = "" });
        (await processes.WaitExitAsync("identity-without-key")).ShouldNotBe(0);
        var log = processes.Logs("identity-without-key");
        log.ShouldContain("Jwt:SigningKeys:0");
        log.ShouldContain(HowTo);
    }

    [Fact]
    public async Task Identity_given_only_public_keys_exits_non_zero_it_needs_the_private_one()
    {
        processes.StartService("identity-public-only", "Identity", servers,
            new Dictionary<string, string> { ["Jwt__SigningKeys__0"] = "", ["Jwt__Jwks"] = TestTokens.Jwks });
        (await processes.WaitExitAsync("identity-public-only")).ShouldNotBe(0);
        var log = processes.Logs("identity-public-only");
        log.ShouldContain("Identity has no token signing key");
        log.ShouldContain(HowTo);
    }

    [Fact]
    public async Task A_service_and_the_gateway_without_a_JWKS_source_exit_non_zero_saying_what_to_set()
    {
        processes.StartService("inventory-without-keys", "Inventory", servers, new Dictionary<string, string> { ["Jwt__Jwks"] = "" });
        processes.StartGateway("gateway-without-keys", new Dictionary<string, string> { ["Jwt__Jwks"] = "" });
        foreach (var name in new[] { "inventory-without-keys", "gateway-without-keys" })
        {
            (await processes.WaitExitAsync(name)).ShouldNotBe(0, name);
            var log = processes.Logs(name);
            log.ShouldContain("Jwt:Authority", customMessage: name);
            log.ShouldContain(HowTo, customMessage: name);
        }
    }
}
