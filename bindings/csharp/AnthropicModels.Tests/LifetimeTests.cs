using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AnthropicModels.Interop;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class LifetimeTests : ServerTests
{
    public LifetimeTests(MockServer server) : base(server) { }

    [Fact]
    public void DisposingTwiceIsHarmless()
    {
        ModelsClient client = Server.Client();
        client.Dispose();
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => client.Retrieve("claude-opus-4-6"));
    }

    [Fact]
    public async Task DisposingWithRequestsInFlightCancelsThem()
    {
        ModelsClient client = Server.Client();
        Server.AddFault("""{"action":"never_answer","times":-1}""");
        var calls = new List<Task>
        {
            client.RetrieveAsync("claude-opus-4-6"),
            client.ListAsync(),
            Collect(client.ListAllAsync()),
            Task.Run(() => client.Retrieve("claude-2.1")),  // blocked in a synchronous call
        };
        WaitForRequests(4);

        var clock = Stopwatch.StartNew();
        client.Dispose();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Dispose took {clock.Elapsed}");
        foreach (Task call in calls)
        {
            OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
            Assert.False(e.CancellationToken.CanBeCanceled);  // not a caller's token
        }
    }

    [Fact]
    public async Task CallsAfterDisposeThrowObjectDisposedException()
    {
        ModelsClient client = Server.Client();
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = client.RetrieveAsync("claude-opus-4-6"); });
        Assert.Throws<ObjectDisposedException>(() => { _ = client.ListAsync(); });
        Assert.Throws<ObjectDisposedException>(() => { _ = client.ListAllAsync(); });
        Assert.Throws<ObjectDisposedException>(() => client.List());
        Assert.Throws<ObjectDisposedException>(() => client.ListAll());
        Assert.Throws<ObjectDisposedException>(() => { _ = client.GetModelListAsync(); });
        await Task.CompletedTask;
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task DisposeRacingWithCallsNeverCrashesOrHangs()
    {
        for (int round = 0; round < 20; round++)
        {
            ModelsClient client = Server.Client();
            Task<int>[] callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                int done = 0;
                while (true)
                {
                    try
                    {
                        await client.RetrieveAsync("claude-opus-4-6");
                        done++;
                    }
                    catch (ObjectDisposedException)
                    {
                        return done;
                    }
                    catch (OperationCanceledException)
                    {
                        return done;
                    }
                }
            })).ToArray();
            await Task.Delay(round % 5);
            client.Dispose();
            await Within(Task.WhenAll(callers));
        }
        Settle();
    }

    [Fact]
    public async Task AClientDroppedWithoutDisposeFinishesItsCallsThenIsFinalized()
    {
        ForceCollect();
        int clientsBefore = NativeHandle.LiveCount(HandleKind.Client);
        Server.AddFault("""{"action":"respond","pass_through":true,"delay_ms":300}""");
        Task<ModelInfo> call = RetrieveWithAClientNobodyKeeps();
        ForceCollect();  // the awaited call keeps its client alive

        Assert.Equal("claude-opus-4-6", (await Within(call)).Id);
        await WaitUntil(() => { ForceCollect(); return NativeHandle.LiveCount(HandleKind.Client) == clientsBefore; });
    }

    [Fact]
    public async Task RepresentativeCallsReleaseEveryHandle()
    {
        ForceCollect();
        await WaitUntil(() => NativeHandle.LiveCount() == 0);
        await RepresentativeCalls();
        await WaitUntil(() => { ForceCollect(); return NativeHandle.LiveCount() == 0; });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Task<ModelInfo> RetrieveWithAClientNobodyKeeps() => Server.Client().RetrieveAsync("claude-opus-4-6");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task RepresentativeCalls()
    {
        using (ModelsClient client = Server.Client(o => o.Log = (_, _) => { }))
        {
            ModelInfo m = await client.RetrieveAsync("claude-sonnet-4-5");
            Assert.NotEmpty(m.RawJson);
            Assert.NotEmpty((await client.ListAsync(new ModelListParams { Limit = 2 })).Data);
            Assert.NotEmpty(await Collect(client.ListAllAsync(new ModelListParams { Limit = 5 })));
            Assert.NotEmpty(client.ListAll());
            ModelList all = await client.GetModelListAsync();
            Assert.NotNull(all.SelectLine("opus").SelectSupported("image_input").SortByCreated().Newest());
            Assert.Empty(all.SelectLifecycle("no-such-stage"));
            Assert.Throws<ArgumentException>(() => all.SelectSupported("a..b"));
            Assert.Empty((await client.ListAsync(new ModelListParams { AfterId = Catalog.ListedIds[^1] })).Data);
            await Assert.ThrowsAsync<NotFoundException>(() => client.RetrieveAsync("no-such-model"));
            Assert.Throws<NotFoundException>(() => client.Retrieve("no-such-model"));
            using var cts = new CancellationTokenSource();
            int sent = Server.Requests().Count;
            Server.AddFault("""{"action":"never_answer"}""");
            Task<ModelInfo> cancelled = client.RetrieveAsync("claude-opus-4-6", cts.Token);
            WaitForRequests(sent + 1);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        }
        Server.Reset();
        ModelsClient disposedInFlight = Server.Client();
        Server.AddFault("""{"action":"never_answer"}""");
        Task<ModelListPage> pending = disposedInFlight.ListAsync();
        WaitForRequests(1);
        disposedInFlight.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Patience));
    }

    internal static void ForceCollect()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    // Requests freed on the thread pool, and handles of finalized objects, go a moment later.
    internal static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                string live = string.Join(", ", Enum.GetValues<HandleKind>().Select(k => $"{k}={NativeHandle.LiveCount(k)}"));
                Assert.Fail($"native handles still alive: {live}");
            }
            await Task.Delay(20);
        }
    }
}
