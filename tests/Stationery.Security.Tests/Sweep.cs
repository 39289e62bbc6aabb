using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Stationery.Security.Tests;

/// <summary>One answer the sweep got.</summary>
public sealed record Answer(ApiOperation Operation, string Who, HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public int Code => (int)Status;
    public override string ToString() => $"{Who} → {Operation}: {Code} {Trim(Body)}";
    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;
}

public static class Sweep
{
    public static async Task<Answer> CallAsync(HttpClient http, string token, ApiOperation op, ParameterValues values, string who,
        bool emptyBody = false)
    {
        using var request = OpenApiRoutes.Request(op, values, emptyBody);
        if (token.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        return new Answer(op, who, response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Property names anywhere in a JSON body that contain "cost" (any case) or are one of <paramref name="costFields"/>.</summary>
    public static IReadOnlyList<string> CostPropertiesIn(string body, IReadOnlySet<string> costFields)
    {
        if (body.Length == 0) return [];
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return []; }
        var found = new List<string>();
        Walk(root, "$");
        return found;

        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                {
                    if (costFields.Contains(p.Name) || p.Name.Contains("cost", StringComparison.OrdinalIgnoreCase)) found.Add($"{path}.{p.Name}");
                    Walk(p.Value, $"{path}.{p.Name}");
                }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]");
            }
        }
    }

    public static void ShouldHaveNoFailures(this List<string> failures, string what) =>
        failures.ShouldBeEmpty($"{what}:\n{string.Join("\n", failures)}");
}
