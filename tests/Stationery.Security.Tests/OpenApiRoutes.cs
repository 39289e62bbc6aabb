using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stationery.Hosting.Security;

namespace Stationery.Security.Tests;

/// <summary>
/// One operation of one service's OpenAPI document. <see cref="PermissionName"/> is the permission its endpoint declares
/// (<c>x-permission</c>), null when it declares none.
/// </summary>
public sealed record ApiOperation(string Service, string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonElement? BodySchema,
    JsonElement Document, string? PermissionName)
{
    /// <summary>The row of the permission table the endpoint declares; fails the test when it declares none or an unknown one.</summary>
    public Permission Permission =>
        Permissions.Table.FirstOrDefault(p => p.Name == PermissionName)
        ?? throw new ShouldAssertException($"{this}: declares {(PermissionName is null ? "no permission" : $"the unknown permission '{PermissionName}'")} " +
            "(add .RequirePermission(\"…\") with a row of Stationery.Hosting/Security/Permissions.cs)");

    public bool HasPathParameters => Parameters.Any(p => p.In == "path");

    /// <summary>True when a path parameter names one of chain A's rows (not only labels such as a category name).</summary>
    public bool TargetsIds => Parameters.Any(p => p.In == "path" && !ParameterValues.IsLabel(Service, p.Name));
    public string Route => $"{Method} {Path}";
    public override string ToString() => $"{Service}: {Route}";
}

public sealed record ApiParameter(string Name, string In);

/// <summary>
/// Every route of every service, read from the OpenAPI documents the gateway serves (<c>/openapi/&lt;service&gt;.json</c>),
/// so a new route is swept without editing a test.
/// </summary>
public sealed class OpenApiRoutes
{
    public static readonly string[] Services = ["identity", "inventory", "purchasing", "chat", "reporting"];

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>Every property name containing "cost" (any case) in any schema of any document.</summary>
    public IReadOnlySet<string> CostFields { get; }

    private OpenApiRoutes(IReadOnlyList<ApiOperation> operations, IReadOnlySet<string> costFields)
    {
        Operations = operations;
        CostFields = costFields;
    }

    public static async Task<OpenApiRoutes> LoadAsync(Uri gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var operations = new List<ApiOperation>();
        var costFields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            using var response = await http.GetAsync($"openapi/{service}.json");
            response.EnsureSuccessStatusCode();
            var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)).ToList()
                    : [];
                JsonElement? body = op.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
                        ? schema : null;
                var permission = op.Value.TryGetProperty(PermissionEndpoints.OpenApiExtension, out var x) ? x.GetString() : null;
                operations.Add(new ApiOperation(service, op.Name.ToUpperInvariant(), path.Name, parameters, body, doc, permission));
            }
            CollectCostFields(doc, costFields);
        }
        return new OpenApiRoutes(operations, costFields);
    }

    private static void CollectCostFields(JsonElement e, HashSet<string> names)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "properties" && p.Value.ValueKind == JsonValueKind.Object)
                        foreach (var prop in p.Value.EnumerateObject().Where(x => x.Name.Contains("cost", StringComparison.OrdinalIgnoreCase)))
                            names.Add(prop.Name);
                    CollectCostFields(p.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (var i in e.EnumerateArray()) CollectCostFields(i, names);
                break;
        }
    }

    /// <summary>
    /// The request for <paramref name="op"/> with path and query parameters from <paramref name="values"/>; a parameter the
    /// table does not know fails the test (so a new route's parameter must be given a value here first).
    /// </summary>
    public static HttpRequestMessage Request(ApiOperation op, ParameterValues values, bool emptyBody = false)
    {
        var path = op.Path;
        var query = new List<string>();
        foreach (var p in op.Parameters)
        {
            var value = values.For(op.Service, p);
            if (p.In == "path")
            {
                value.ShouldNotBeNull($"{op}: path parameter '{p.Name}' needs a value in the sweep's parameter table");
                path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else if (value is not null)
                query.Add($"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(value)}");
        }
        var uri = path.TrimStart('/') + (query.Count == 0 ? "" : "?" + string.Join("&", query));
        var request = new HttpRequestMessage(new HttpMethod(op.Method), uri);
        if (op.BodySchema is not null && emptyBody)
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        else if (op.BodySchema is { } schema)
            request.Content = new StringContent(SampleBody(op.Document, schema, values)?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>A plausible body from the schema: fields named like a known thing get chain A's value, others a simple one.</summary>
    public static JsonNode? SampleBody(JsonElement document, JsonElement schema, ParameterValues values, string? name = null, int depth = 0)
    {
        if (depth > 6) return null;
        if (schema.TryGetProperty("$ref", out var reference))
            return SampleBody(document, Resolve(document, reference.GetString()!), values, name, depth + 1);
        if (name is not null && values.TryBodyValue(name, out var known)) return known;
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            if (schema.TryGetProperty(combinator, out var alternatives))
                foreach (var alternative in alternatives.EnumerateArray())
                    if (!(alternative.TryGetProperty("type", out var at) && at.ValueKind == JsonValueKind.String && at.GetString() == "null"))
                        return SampleBody(document, alternative, values, null, depth + 1);

        var types = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!]
            : schema.TryGetProperty("properties", out _) ? ["object"] : ["string"];
        if (schema.TryGetProperty("enum", out var options) && options.GetArrayLength() > 0)
            return JsonValue.Create(options[0].ToString());
        if (types.Contains("object"))
        {
            var obj = new JsonObject();
            if (schema.TryGetProperty("properties", out var props))
                foreach (var p in props.EnumerateObject())
                    obj[p.Name] = SampleBody(document, p.Value, values, p.Name, depth + 1);
            return obj;
        }
        if (types.Contains("array"))
            return schema.TryGetProperty("items", out var items) ? new JsonArray(SampleBody(document, items, values, null, depth + 1)) : new JsonArray();
        if (types.Contains("integer")) return JsonValue.Create(1);
        if (types.Contains("number")) return JsonValue.Create(1.5m);
        if (types.Contains("boolean")) return JsonValue.Create(false);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return format switch
        {
            "date" => JsonValue.Create(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd")),
            "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.ToString("O")),
            "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
            _ => JsonValue.Create("security-probe"),
        };
    }

    private static JsonElement Resolve(JsonElement document, string reference)
    {
        var node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/')) node = node.GetProperty(part);
        return node;
    }
}

/// <summary>
/// What the sweeps put into path and query parameters and into request bodies: chain A's ids. Keys are parameter names,
/// optionally per service (<c>id</c> means a staff member in Identity, a transfer in Inventory, an order in Purchasing).
/// A query parameter mapped to null is left out.
/// </summary>
public sealed class ParameterValues(ChainAData a, string branch, string otherBranch)
{
    public string? For(string service, ApiParameter parameter)
    {
        string? Fail() => throw new ShouldAssertException(
            $"{service}: parameter '{parameter.Name}' ({parameter.In}) is not in the sweep's parameter table (ParameterValues): add what chain A's value is.");
        return (service, parameter.Name, parameter.In) switch
        {
            (_, "branch", _) => branch,
            (_, "sku", _) => a.Sku,
            (_, "supplierId", _) => SecurityPlatform.SupplierId,
            ("identity", "id", "path") => a.ManagerId,
            ("identity", "code", "path") => branch,
            ("inventory", "id", "path") => a.TransferId,
            // A stocktake's first zone (stocktake routes get the transfer's id above, which no stocktake has: 404 past the permission check).
            ("inventory", "zone", "path") => "z1",
            ("purchasing", "id", "path") => a.PurchaseOrderId,
            ("purchasing", "itemId", "path") => a.PurchaseListItemId,
            ("chat", "channelId", _) => a.ChannelId,
            ("chat", "messageId", _) => a.MessageId,
            ("chat", "actionId", _) => "add-to-purchase-list",
            ("chat", "id", "path") => a.AttachmentId,
            // A member of chain A's channel, as the one to remove from it.
            ("chat", "userId", "path") => a.ManagerId,
            (_, "search", "query") => a.ProductName,
            ("chat", "q", "query") => a.MessageText,
            ("inventory", "category", "path") => a.Category,
            (_, "barcode" or "category" or "status" or "after" or "before" or "limit" or "cursor", "query") => null,
            // Templates and exports: CSV, so the price sweep reads their text.
            (_, "format", "query") => "csv",
            ("reporting", "date" or "week" or "from" or "to", "query") => null,
            // The policy preview's typed figures: left out, it previews the policy in force.
            ("inventory", "reorderPoint" or "maxLevel" or "leadTimeDays" or "coverDays" or "lookBackDays" or "safetyFactor", "query") => null,
            _ => Fail(),
        };
    }

    /// <summary>
    /// Path parameters that are labels any chain may use (a category name), not ids of chain A's rows: another chain may get
    /// an answer of its own for them, but never A's data.
    /// </summary>
    public static bool IsLabel(string service, string parameter) => (service, parameter) is ("inventory", "category");

    /// <summary>chain A's value for a body property of this name, or false to use a value of the schema's type.</summary>

    public bool TryBodyValue(string property, out JsonNode? value)
    {
        value = property switch
        {
            "sku" => a.Sku,
            "supplierId" => SecurityPlatform.SupplierId,
            "branch" => branch,
            "toBranch" => otherBranch,
            "branches" => new JsonArray(branch),
            "roles" => new JsonArray("clerk"),
            "quantity" or "minOrderQty" or "delta" or "seq" or "reorderPoint" or "leadTimeDays" or "packSize" or "counted" => 1,
            "maxLevel" => 10,
            "unitCost" or "unitPrice" or "retailPrice" => 1.5m,
            "password" or "ownerPassword" => "security-probe-password",
            "username" or "ownerUsername" => $"probe-{Guid.NewGuid():N}"[..20],
            "clientMessageId" => Guid.NewGuid().ToString("N"),
            "text" => "security probe",
            "reason" => "correction",
            "level" => "mentions",
            "timeZone" => "Asia/Shanghai",
            _ => null,
        };
        return value is not null || property is "replyTo" or "attachmentIds" or "barcode" or "fromPurchaseList" or "slowMoverDays";
    }
}
