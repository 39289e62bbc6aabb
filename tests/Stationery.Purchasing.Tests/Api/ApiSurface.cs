using System.Net.Http.Json;
using System.Text.Json;

namespace Stationery.Purchasing.Tests.Api;

/// <summary>The gateway serves this document to integrators: every route of API.md must be in it.</summary>
public class ApiSurface(PurchasingHost host) : IClassFixture<PurchasingHost>
{
    [Fact]
    public async Task The_openapi_document_describes_every_purchasing_route()
    {
        using var anonymous = host.Service.Anonymous();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldBe(
        [
            "/api/purchasing/suppliers",
            "/api/purchasing/suppliers/{supplierId}",
            "/api/purchasing/suppliers/{supplierId}/quotes",
            "/api/purchasing/quotes",
            "/api/purchasing/suppliers/{supplierId}/imports/quotes/preview",
            "/api/purchasing/suppliers/{supplierId}/imports/quotes",
            "/api/purchasing/suppliers/{supplierId}/imports/quotes/template",
            "/api/purchasing/suppliers/{supplierId}/exports/quotes",
            "/api/purchasing/branches/{branch}/purchase-list",
            "/api/purchasing/branches/{branch}/purchase-list/items/{itemId}",
            "/api/purchasing/branches/{branch}/purchase-orders",
            "/api/purchasing/purchase-orders/{id}",
            "/api/purchasing/purchase-orders",
            "/api/purchasing/purchase-orders/{id}/confirm",
            "/api/purchasing/purchase-orders/{id}/receipts",
            "/api/purchasing/purchase-orders/{id}/cancel",
            "/api/purchasing/purchase-orders/{id}/timeline.csv",
            "/api/purchasing/purchase-orders/{id}/delivery-notices",
        ], ignoreOrder: true);
        var item = document.GetProperty("paths").GetProperty("/api/purchasing/branches/{branch}/purchase-list/items/{itemId}");
        item.EnumerateObject().Select(o => o.Name).ShouldBe(["patch", "delete"], ignoreOrder: true);
    }
}
