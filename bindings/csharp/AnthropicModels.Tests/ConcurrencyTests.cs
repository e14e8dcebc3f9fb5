using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class ConcurrencyTests : ServerTests
{
    public ConcurrencyTests(MockServer server) : base(server) { }

    [Fact]
    public async Task SixtyFourConcurrentTasksShareOneClient()
    {
        using ModelsClient client = Server.Client();
        IReadOnlyList<string> ids = Catalog.ListedIds;

        Task<bool>[] tasks = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            if (i % 4 == 3)
            {
                ModelListPage page = await client.ListAsync(new ModelListParams { Limit = 5 });
                return Ids(page.Data).SequenceEqual(ids.Take(5));
            }
            string id = ids[i % ids.Count];
            return (await client.RetrieveAsync(id)).Id == id;
        })).ToArray();

        Assert.All(await Within(Task.WhenAll(tasks)), Assert.True);
        Assert.Equal(64, Requests().Count);
    }

    [Fact]
    public async Task AThousandRequestsInFlightDoNotGrowTheThreadPool()
    {
        using ModelsClient client = Server.Client();
        await client.RetrieveAsync(Catalog.ListedIds[0]);  // the worker thread and a connection exist
        IReadOnlyList<string> ids = Catalog.ListedIds;
        int poolBefore = ThreadPool.ThreadCount;
        int threadsBefore = Process.GetCurrentProcess().Threads.Count;

        var tasks = new Task<ModelInfo>[1000];
        for (int i = 0; i < tasks.Length; i++) tasks[i] = client.RetrieveAsync(ids[i % ids.Count]);
        int inFlight = tasks.Count(t => !t.IsCompleted);
        int poolAtPeak = ThreadPool.ThreadCount;
        int threadsAtPeak = Process.GetCurrentProcess().Threads.Count;
        ModelInfo[] results = await Within(Task.WhenAll(tasks));

        Assert.True(inFlight >= 500, $"only {inFlight} of 1000 were still in flight after submission");
        for (int i = 0; i < results.Length; i++) Assert.Equal(ids[i % ids.Count], results[i].Id);
        // With the requests in flight: no thread more than before (a thread per request would be hundreds).
        Assert.True(poolAtPeak <= poolBefore + 2, $"thread pool grew from {poolBefore} to {poolAtPeak} while the requests were in flight");
        Assert.True(threadsAtPeak <= threadsBefore + 4, $"process threads grew from {threadsBefore} to {threadsAtPeak} while the requests were in flight");
        // The 1000 completions are short work items; on a busy machine the pool may still add a few
        // threads for them, never a number that grows with the requests.
        Assert.True(ThreadPool.ThreadCount <= poolBefore + 16, $"thread pool grew from {poolBefore} to {ThreadPool.ThreadCount}");
    }

    [Fact]
    public void SynchronousCallsFromManyThreadsAtOnce()
    {
        using ModelsClient client = Server.Client();
        IReadOnlyList<string> ids = Catalog.ListedIds;
        var failures = 0;
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (client.Retrieve(ids[i % ids.Count]).Id != ids[i % ids.Count]) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
        Assert.Equal(32, Requests().Count);
    }
}
