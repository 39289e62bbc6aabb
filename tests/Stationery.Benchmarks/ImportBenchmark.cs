using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using MiniExcelLibs;
using Npgsql;
using Stationery.Inventory.Catalogue;
using Stationery.Inventory.Catalogue.Importing;
using Stationery.Testing;

namespace Stationery.Benchmarks;

/// <summary>
/// B6 (issue 13): importing a 10,000-row product spreadsheet (.xlsx, applied, not a dry run) through the Inventory service
/// in-process on Kestrel — upload, MiniExcel read, every row checked, the catalogue looked up, one event stream and inline
/// projection per product, committed <see cref="ImportProducts.BatchSize"/> rows per transaction, the outbox publishing
/// them — against a raw Npgsql INSERT of the same 10,000 event rows in transactions of the same size. The target: well
/// under a minute on the project's 2-core machine.
/// </summary>
internal static class ImportBenchmark
{
    private const string Tenant = "benchimport";
    public const int Rows = 10_000;

    public static async Task RunAsync(int reps)
    {
        await using var servers = await TestServers.IsolateAsync("benchimport");
        await using var inventory = await InventoryBenchmark.StartAsync(servers, daemon: "Solo", tenant: Tenant);
        using var http = inventory.ClientFor(TestTokens.Issue(Tenant, "owner", ["owner"], ["main"]));
        http.Timeout = TimeSpan.FromMinutes(5);

        await using var data = NpgsqlDataSource.Create(servers.Postgres);
        await using (var create = data.CreateCommand(
            "CREATE TABLE raw_products (seq bigserial primary key, stream text not null unique, tenant text not null, data jsonb not null, at timestamptz not null default now())"))
            await create.ExecuteNonQueryAsync();

        await Measure.CompareAsync($"B6 import {Rows:N0} products (.xlsx over HTTP vs raw INSERT)", reps, Rows,
            ours: async rep =>
            {
                var sheet = Sheet(rep, rep < 0 ? 100 : Rows);
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(sheet);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                form.Add(file, "file", "products.xlsx");
                var response = await http.PostAsync("api/inventory/imports/products", form);
                response.EnsureSuccessStatusCode();
                var report = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (report.GetProperty("applied").GetInt32() != (rep < 0 ? 100 : Rows))
                    throw new InvalidOperationException($"the import applied {report.GetProperty("applied")} rows: {report.GetProperty("refusedRows")}");
            },
            raw: async rep =>
            {
                var count = rep < 0 ? 100 : Rows;
                foreach (var batch in Enumerable.Range(0, count).Chunk(ImportProducts.BatchSize))
                {
                    await using var connection = await data.OpenConnectionAsync();
                    await using var tx = await connection.BeginTransactionAsync();
                    await using var cmd = new NpgsqlCommand(
                        "INSERT INTO raw_products (stream, tenant, data) SELECT s, @t, d::jsonb FROM unnest(@s, @d) AS x(s, d)", connection, tx);
                    cmd.Parameters.AddWithValue("t", Tenant);
                    cmd.Parameters.AddWithValue("s", batch.Select(i => Product.StreamId($"RAW{rep + 1}-{i:D5}")).ToArray());
                    cmd.Parameters.AddWithValue("d", batch.Select(i => JsonSerializer.Serialize(Registered($"RAW{rep + 1}-{i:D5}", i))).ToArray());
                    await cmd.ExecuteNonQueryAsync();
                    await tx.CommitAsync();
                }
            });
    }

    private static ProductRegistered Registered(string sku, int i) =>
        new(sku, $"导入商品 {i}", "A5", "晨光", i % 2 == 0 ? "本册" : "笔类", "本", null, 3.5m + i % 10, 10, "owner", DateTimeOffset.UtcNow);

    /// <summary>A shop's catalogue sheet: the template's header, then <paramref name="rows"/> products with fresh skus.</summary>
    private static byte[] Sheet(int rep, int rows)
    {
        var header = ImportProducts.Columns.Select(c => c.Header).ToArray();
        var sheet = Enumerable.Range(0, rows).Select(i =>
        {
            var p = Registered($"IMP{rep + 1}-{i:D5}", i);
            object?[] cells = [p.Sku, p.Name, p.Spec, p.Brand, p.Category, p.Unit, null, p.RetailPrice, p.PackSize];
            return header.Select((h, c) => (h, cells[c])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
