using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class LogTests : ServerTests
{
    public LogTests(MockServer server) : base(server) { }

    [Fact]
    public async Task OneLinePerAttemptAtItsLevelAndNeverTheKey()
    {
        var lines = new ConcurrentQueue<(ModelsLogLevel Level, string Text)>();
        using ModelsClient client = Server.Client(o => { o.MaxRetries = 1; o.Log = (level, text) => lines.Enqueue((level, text)); });
        Server.AddFault("""{"action":"respond","status":503,"headers":{"retry-after":"0"}}""");

        await Within(client.RetrieveAsync("claude-opus-4-6"));
        NotFoundException e = await Assert.ThrowsAsync<NotFoundException>(() => client.RetrieveAsync("no-such-model"));

        var all = lines.ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal(ModelsLogLevel.Warning, all[0].Level);  // 503, retried
        Assert.Contains("503", all[0].Text);
        Assert.Equal(ModelsLogLevel.Info, all[1].Level);
        Assert.Contains("/v1/models/claude-opus-4-6", all[1].Text);
        Assert.Contains("200", all[1].Text);
        Assert.Equal(ModelsLogLevel.Error, all[2].Level);  // 404 ends the call
        Assert.All(all, l => Assert.DoesNotContain(MockServer.ApiKey, l.Text));
        Assert.DoesNotContain(MockServer.ApiKey, e.ToString());
    }

    [Fact]
    public async Task AnAuthTokenNeverAppearsEither()
    {
        const string token = "tok-ant-Wq2Er4Ty6-secret";
        var lines = new ConcurrentQueue<string>();
        using var client = new ModelsClient(new ModelsClientOptions
        {
            AuthToken = token, BaseUrl = Server.BaseUrl, IgnoreEnvironment = true, MaxRetries = 0, Log = (_, text) => lines.Enqueue(text),
        });
        Server.AddFault("""{"action":"respond","status":401}""");

        AuthenticationException e = await Assert.ThrowsAsync<AuthenticationException>(() => client.ListAsync());
        Assert.Equal(401, e.HttpStatus);
        Assert.Equal($"Bearer {token}", Assert.Single(Requests()).Headers["authorization"]);
        Assert.Single(lines);
        Assert.All(lines, l => Assert.DoesNotContain(token, l));
        Assert.DoesNotContain(token, e.ToString());
    }

    [Fact]
    public async Task AThrowingLoggerDoesNotBreakCalls()
    {
        using ModelsClient client = Server.Client(o => o.Log = (_, _) => throw new InvalidOperationException("logger broke"));
        Assert.Equal("claude-opus-4-6", (await Within(client.RetrieveAsync("claude-opus-4-6"))).Id);
        Assert.Equal("claude-2.1", client.Retrieve("claude-2.1").Id);
    }

    [Fact]
    public async Task ASynchronousCallFromTheLogCallbackIsRefusedNotDeadlocked()
    {
        ModelsClient? client = null;
        Exception? refused = null;
        client = Server.Client(o => o.Log = (_, _) =>
        {
            try
            {
                client!.Retrieve("claude-2.1");
            }
            catch (InvalidOperationException e)
            {
                refused = e;
            }
        });
        using (client)
        {
            Assert.Equal("claude-opus-4-6", (await Within(client.RetrieveAsync("claude-opus-4-6"))).Id);
        }
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task DisposingFromTheLogCallbackDoesNotDeadlock()
    {
        ModelsClient? client = null;
        client = Server.Client(o => o.Log = (_, _) => client!.Dispose());

        Task<ModelInfo> call = client.RetrieveAsync("claude-opus-4-6");
        try
        {
            Assert.Equal("claude-opus-4-6", (await call.WaitAsync(Patience)).Id);
        }
        catch (OperationCanceledException)
        {
            // the deferred Dispose won the race with the completion: also correct
        }
        Assert.Throws<ObjectDisposedException>(() => { _ = client.RetrieveAsync("claude-opus-4-6"); });
    }
}
