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
        ModelInfo[] results = await Within(Task.WhenAll(tasks));

        Assert.True(inFlight >= 500, $"only {inFlight} of 1000 were still in flight after submission");
        for (int i = 0; i < results.Length; i++) Assert.Equal(ids[i % ids.Count], results[i].Id);
        // A thread blocked per request would need hundreds; completions only queue short work items.
        Assert.True(poolAtPeak <= poolBefore + 2, $"thread pool grew from {poolBefore} to {poolAtPeak}");
        Assert.True(ThreadPool.ThreadCount <= poolBefore + 4, $"thread pool grew from {poolBefore} to {ThreadPool.ThreadCount}");
        int threadsAfter = Process.GetCurrentProcess().Threads.Count;
        Assert.True(threadsAfter <= threadsBefore + 8, $"process threads grew from {threadsBefore} to {threadsAfter}");
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
