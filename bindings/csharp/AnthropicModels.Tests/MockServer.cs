// Starts am-mock-server on a free loopback port for the whole run and stops it at the end; tests
// inject faults and read the request log through its control endpoints.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using AnthropicModels;

namespace AnthropicModels.Tests;

public sealed class MockServer : IDisposable
{
    public const string ApiKey = "sk-ant-test-Zq8Yx7Wv6Ut5-secret";

    private readonly Process _process;
    private readonly HttpClient _control = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

    public MockServer()
    {
        string binary = Required("AM_MOCK_SERVER");
        CatalogPath = Required("AM_CATALOG");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", "0", "--catalog", CatalogPath }) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(15)) || line.Result == null)
        {
            Stop();
            throw new InvalidOperationException($"am-mock-server did not start: {_process.StandardError.ReadToEnd()}");
        }
        const string marker = "listening on ";
        int at = line.Result.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"unexpected first line from am-mock-server: {line.Result}");
        BaseUrl = line.Result[(at + marker.Length)..].Trim();
        if (!BaseUrl.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            throw new InvalidOperationException($"am-mock-server is not on loopback: {BaseUrl}");
        Catalog = new Catalog(CatalogPath);
    }

    public string BaseUrl { get; }

    public string CatalogPath { get; }

    public Catalog Catalog { get; }

    /// <summary>Options for a client of this server: a key, no environment, quick retries.</summary>
    public ModelsClientOptions Options(Action<ModelsClientOptions>? configure = null)
    {
        var options = new ModelsClientOptions { ApiKey = ApiKey, BaseUrl = BaseUrl, IgnoreEnvironment = true };
        configure?.Invoke(options);
        return options;
    }

    public ModelsClient Client(Action<ModelsClientOptions>? configure = null) => new ModelsClient(Options(configure));

    /// <summary>Clears faults and the request log: every test starts from a clean server.</summary>
    public void Reset()
    {
        Send(HttpMethod.Delete, "/_mock/faults");
        Send(HttpMethod.Delete, "/_mock/log");
    }

    public void AddFault(string json) => Send(HttpMethod.Post, "/_mock/faults", json);

    /// <summary>The API requests received since the last reset (control requests are not logged).</summary>
    public IReadOnlyList<LoggedRequest> Requests()
    {
        using JsonDocument log = JsonDocument.Parse(Send(HttpMethod.Get, "/_mock/log"));
        return log.RootElement.GetProperty("requests").EnumerateArray().Select(r => new LoggedRequest(
            r.GetProperty("method").GetString()!,
            r.GetProperty("path").GetString()!,
            r.GetProperty("query").GetString()!,
            r.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!))).ToList();
    }

    public void Dispose()
    {
        Stop();
        _control.Dispose();
    }

    private string Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, BaseUrl + path);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = _control.Send(request);
        string text = new StreamReader(response.Content.ReadAsStream()).ReadToEnd();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set (bindings/csharp/test.sh sets it)");
}

public sealed record LoggedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers);
