using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class CancellationTests : ServerTests
{
    // The issue's bound, measured from Cancel() to the task's completion.
    private static readonly TimeSpan Prompt = TimeSpan.FromMilliseconds(50);

    public CancellationTests(MockServer server) : base(server) { }

    [Fact]
    public async Task CancellingAnAwaitedRetrieveEndsItWithin50Milliseconds()
    {
        using ModelsClient client = Server.Client();
        await AssertCancelsPromptly(ct =>
        {
            Server.AddFault("""{"action":"never_answer"}""");
            return Task.FromResult<Task>(client.RetrieveAsync("claude-opus-4-6", ct));
        }, requests: 1);
    }

    [Fact]
    public async Task CancellingDuringBackoffEndsItWithin50Milliseconds()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 3);
        await AssertCancelsPromptly(ct =>
        {
            Server.AddFault("""{"action":"respond","status":429,"headers":{"retry-after":"10"},"times":-1}""");
            return Task.FromResult<Task>(client.ListAsync(null, ct));
        }, requests: 1, settle: TimeSpan.FromMilliseconds(50));  // the 429 came back: the library sleeps 10 s before the retry
        Assert.Single(Requests());
    }

    [Fact]
    public async Task CancellingALazyEnumerationStopsItsPendingPage()
    {
        using ModelsClient client = Server.Client();
        await AssertCancelsPromptly(async ct =>
        {
            IAsyncEnumerator<ModelInfo> models = client.ListAllAsync(new ModelListParams { Limit = 5 }, ct).GetAsyncEnumerator(ct);
            for (int i = 0; i < 5; i++) Assert.True(await models.MoveNextAsync());
            Server.AddFault("""{"action":"never_answer"}""");
            return models.MoveNextAsync().AsTask();  // the second page
        }, requests: 2);
    }

    [Fact]
    public async Task CancellingABlockedSynchronousCallReturnsWithin50Milliseconds()
    {
        using ModelsClient client = Server.Client();
        await AssertCancelsPromptly(ct =>
        {
            Server.AddFault("""{"action":"never_answer"}""");
            return Task.FromResult<Task>(Task.Factory.StartNew(() => client.Retrieve("claude-opus-4-6", ct), TaskCreationOptions.LongRunning));
        }, requests: 1);
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenSendsNothing()
    {
        using ModelsClient client = Server.Client();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Task<ModelInfo> retrieve = client.RetrieveAsync("claude-opus-4-6", cts.Token);
        Assert.True(retrieve.IsCanceled);
        Assert.True(client.ListAsync(null, cts.Token).IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(client.ListAllAsync(null, cts.Token)));
        Assert.ThrowsAny<OperationCanceledException>(() => client.Retrieve("claude-opus-4-6", cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => client.ListAll(null, cts.Token));
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task ATokenThatNeverFiresChangesNothing()
    {
        using ModelsClient client = Server.Client();
        using var cts = new CancellationTokenSource();
        ModelInfo m = await Within(client.RetrieveAsync("claude-opus-4-6", cts.Token));
        Assert.Equal("claude-opus-4-6", m.Id);
        cts.Cancel();  // after completion: nothing to cancel, nothing breaks
        Assert.Equal("claude-opus-4-6", client.Retrieve("claude-opus-4-6", CancellationToken.None).Id);
    }

    // Cancels an in-flight call three times over and checks the median time from Cancel() to the
    // end of the call: one attempt slowed by a busy machine does not fail the test; a binding or a
    // library slow to cancel does. Each attempt starts on a clean server; `start` injects its
    // fault and returns the pending call once `requests` requests reached the server.
    private async Task AssertCancelsPromptly(Func<CancellationToken, Task<Task>> start, int requests, TimeSpan settle = default)
    {
        var took = new List<double>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            Server.Reset();
            using var cts = new CancellationTokenSource();
            Task call = await start(cts.Token).WaitAsync(Patience);
            WaitForRequests(requests);
            if (settle > TimeSpan.Zero) await Task.Delay(settle);
            Assert.False(call.IsCompleted);

            var clock = Stopwatch.StartNew();
            cts.Cancel();
            OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
            took.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(cts.Token, e.CancellationToken);
        }
        took.Sort();
        Assert.True(took[1] < Prompt.TotalMilliseconds, $"median {took[1]:F1} ms (attempts: {string.Join(", ", took.Select(t => t.ToString("F1")))} ms)");
    }
}
