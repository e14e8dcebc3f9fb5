using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

/// <summary>Base of every test class: the shared server, reset before each test.</summary>
[Collection(ServerCollection.Name)]
public abstract class ServerTests
{
    /// <summary>How long any awaited call may take before the test fails instead of hanging.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected ServerTests(MockServer server)
    {
        Server = server;
        server.Reset();
    }

    protected MockServer Server { get; }

    protected Catalog Catalog => Server.Catalog;

    /// <summary>The API requests the server received for <paramref name="path"/> (all when null).</summary>
    protected IReadOnlyList<LoggedRequest> Requests(string? path = null) =>
        Server.Requests().Where(r => path == null || r.Path == path).ToList();

    /// <summary>Waits until the server has received <paramref name="count"/> API requests.</summary>
    protected void WaitForRequests(int count)
    {
        var clock = Stopwatch.StartNew();
        while (Server.Requests().Count < count)
        {
            if (clock.Elapsed > Patience) throw new TimeoutException($"the server did not receive {count} requests");
            Thread.Sleep(5);
        }
    }

    /// <summary>
    /// Waits until the server's log stops growing: requests a test sent and then abandoned (by
    /// disposing its client) may still be queued in the server, and must neither consume the next
    /// test's faults nor appear in its log.
    /// </summary>
    protected void Settle()
    {
        var clock = Stopwatch.StartNew();
        int seen = -1, stable = 0;
        while (stable < 3 && clock.Elapsed < Patience)
        {
            int count = Server.Requests().Count;
            stable = count == seen ? stable + 1 : 0;
            seen = count;
            Thread.Sleep(50);
        }
    }

    protected static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Patience);

    protected static async Task<List<ModelInfo>> Collect(IAsyncEnumerable<ModelInfo> models)
    {
        var list = new List<ModelInfo>();
        await foreach (ModelInfo m in models.WithCancellation(CancellationToken.None)) list.Add(m);
        return list;
    }

    protected static List<string> Ids(IEnumerable<ModelInfo> models) => models.Select(m => m.Id).ToList();

    protected static string Query(LoggedRequest r, string name) =>
        r.Query.Split('&').Select(Uri.UnescapeDataString).Where(p => p.StartsWith(name + "=", StringComparison.Ordinal))
         .Select(p => p[(name.Length + 1)..]).SingleOrDefault() ?? "";
}
