// The client's cache as the C library implements it (issue 13), through the binding: hits send no
// request (the server's log says so), the disk cache answers stale when the server is gone, offline
// mode fails with NotCachedException, Refresh and InvalidateCache send a request again, and
// identical concurrent calls share one request.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class CacheTests : ServerTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public CacheTests(MockServer server) : base(server) { }

    [Fact]
    public async Task AFreshHitSendsNoRequest()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = Hour);

        ModelList first = client.ListAll();
        Assert.False(first.FromCache);
        Assert.False(first.IsStale);
        Assert.Equal(TimeSpan.Zero, first.Age);
        ModelList second = client.ListAll();
        ModelList third = await Within(client.GetModelListAsync());

        Assert.True(second.FromCache);
        Assert.False(second.IsStale);
        Assert.True(third.FromCache);
        Assert.Equal(Catalog.ListedIds, Ids(second));
        Assert.Equal(Catalog.ListedIds, Ids(third));
        Assert.Single(Requests());
    }

    [Fact]
    public void WithoutACacheEveryListingSendsARequest()
    {
        using ModelsClient client = Server.Client();
        Assert.False(client.ListAll().FromCache);
        Assert.False(client.ListAll().FromCache);
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public async Task AnAsyncHitCompletesWithoutTheNetwork()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = Hour);
        await Within(client.GetModelListAsync());
        Server.AddFault("""{"action":"never_answer","times":-1}""");  // a request now would never finish

        ModelList hit = await Within(client.GetModelListAsync());
        Assert.True(hit.FromCache);
        Assert.Equal(Catalog.ListedIds, Ids(hit));
        Assert.Single(Requests());
    }

    [Fact]
    public void RefreshBypassesAndRepopulatesTheCache()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = Hour);
        client.ListAll();

        ModelList refreshed = client.ListAll(new ModelListParams { Refresh = true });
        Assert.False(refreshed.FromCache);
        Assert.Equal(2, Requests().Count);
        Assert.True(client.ListAll().FromCache);  // repopulated
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public void InvalidateCacheMakesTheNextListingSendARequest()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = Hour);
        client.ListAll();
        Assert.True(client.ListAll().FromCache);

        client.InvalidateCache();
        Assert.False(client.ListAll().FromCache);
        Assert.Equal(2, Requests().Count);
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => client.InvalidateCache());
    }

    [Fact]
    public void TheCacheKeyHoldsTheLifecycleFilter()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = Hour);
        var retired = new ModelListParams { Lifecycle = { "retired" } };
        client.ListAll();
        ModelList other = client.ListAll(retired);

        Assert.False(other.FromCache);
        Assert.All(other, m => Assert.Equal("retired", m.Lifecycle));
        Assert.True(client.ListAll(retired).FromCache);
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public async Task ConcurrentTasksShareOneRequest()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = Hour);
        // The first request is slow, so the other calls arrive while it is in flight.
        Server.AddFault("""{"action":"respond","pass_through":true,"delay_ms":300,"times":1}""");

        Task<ModelList>[] calls = Enumerable.Range(0, 16)
            .Select(i => i % 2 == 0 ? client.GetModelListAsync() : Task.Run(() => client.ListAll()))
            .ToArray();
        ModelList[] lists = await Within(Task.WhenAll(calls));

        Assert.All(lists, l => Assert.Equal(Catalog.ListedIds, Ids(l)));
        Assert.Single(Requests());
    }

    [Fact]
    public async Task TheDiskCacheAnswersStaleWithItsAgeWhenTheServerIsGone()
    {
        using var dir = new TempDirectory();
        using var server = new MockServer();  // a server of its own, stopped below
        var options = new Func<ModelsClientOptions>(() => new ModelsClientOptions
        {
            ApiKey = MockServer.ApiKey, BaseUrl = server.BaseUrl, IgnoreEnvironment = true,
            CacheDirectory = dir.Path, MaxRetries = 0,
        });
        var sinceFetched = Stopwatch.StartNew();  // started before the fetch: the listing's age is never above it
        using (var online = new ModelsClient(options()))
            Assert.False(online.ListAll().FromCache);
        Assert.NotEmpty(Directory.GetFiles(dir.Path));
        server.Dispose();
        await Task.Delay(300);

        using var restarted = new ModelsClient(options());  // a new client: only the disk has the listing
        ModelList stale = await Within(restarted.GetModelListAsync());
        TimeSpan upperBound = sinceFetched.Elapsed;

        Assert.True(stale.FromCache);
        Assert.True(stale.IsStale);
        // (The age is the library's wall-clock difference: a little slack for clock granularity.)
        Assert.InRange(stale.Age, TimeSpan.FromMilliseconds(300), upperBound + TimeSpan.FromMilliseconds(100));
        Assert.Equal(Catalog.ListedIds, Ids(stale));
    }

    [Fact]
    public void TheDiskCacheHoldsNoSecret()
    {
        using var dir = new TempDirectory();
        using (ModelsClient client = Server.Client(o => o.CacheDirectory = dir.Path)) client.ListAll();

        string[] files = Directory.GetFiles(dir.Path);
        Assert.NotEmpty(files);
        Assert.All(files, f =>
        {
            Assert.DoesNotContain(MockServer.ApiKey, f);
            Assert.DoesNotContain(MockServer.ApiKey, File.ReadAllText(f));
        });
    }

    [Fact]
    public async Task OfflineWithNothingCachedIsNotCachedExceptionWithNothingSent()
    {
        using var dir = new TempDirectory();
        using ModelsClient client = Server.Client(o => { o.Offline = true; o.CacheDirectory = dir.Path; });

        NotCachedException e = Assert.Throws<NotCachedException>(() => client.ListAll());
        Assert.Equal(ModelsStatus.NotCached, e.Status);
        Assert.Equal(0, e.Attempts);
        await Assert.ThrowsAsync<NotCachedException>(() => client.GetModelListAsync());
        await Assert.ThrowsAsync<NotCachedException>(() => client.ListAsync());
        await Assert.ThrowsAsync<NotCachedException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.Empty(Requests());
    }

    [Fact]
    public void OfflineServesWhatTheDiskCacheHolds()
    {
        using var dir = new TempDirectory();
        using (ModelsClient online = Server.Client(o => o.CacheDirectory = dir.Path)) online.ListAll();
        Server.Reset();

        using ModelsClient offline = Server.Client(o => { o.Offline = true; o.CacheDirectory = dir.Path; });
        ModelList list = offline.ListAll();
        Assert.True(list.FromCache);
        Assert.Equal(Catalog.ListedIds, Ids(list));
        Assert.Throws<NotCachedException>(() => offline.ListAll(new ModelListParams { Lifecycle = { "retired" } }));
        Assert.Empty(Requests());
    }

    [Fact]
    public void ACacheDirectoryThatIsAFileIsRefusedByTheConstructor()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "not-a-directory");
        File.WriteAllText(file, "x");

        ArgumentException e = Assert.Throws<ArgumentException>(() => new ModelsClient(Server.Options(o => o.CacheDirectory = file)));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public async Task StaleWhileRevalidateAnswersAtOnceAndRefreshesInTheBackground()
    {
        using ModelsClient client = Server.Client(o => { o.CacheTtl = TimeSpan.FromMilliseconds(100); o.StaleWhileRevalidate = true; });
        client.ListAll();
        await Task.Delay(200);
        Server.AddFault("""{"action":"never_answer","times":1}""");  // the background refresh hangs

        ModelList stale = await Within(client.GetModelListAsync());
        Assert.True(stale.FromCache);
        Assert.True(stale.IsStale);
        Assert.Equal(Catalog.ListedIds, Ids(stale));
        WaitForRequests(2);  // the refresh went out
    }
}
