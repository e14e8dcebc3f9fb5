using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class OptionsTests : ServerTests
{
    public OptionsTests(MockServer server) : base(server) { }

    [Fact]
    public async Task HeaderSettingsAreSent()
    {
        using ModelsClient client = Server.Client(o =>
        {
            o.Betas.Add("beta-one");
            o.Betas.Add("beta-two");
            o.WorkspaceId = "wrkspc_123";
            o.Headers["x-trace-id"] = "trace-7";
            o.UserAgentSuffix = "csharp-tests/1";
            o.ApiVersion = "2023-06-01";
        });
        await Within(client.RetrieveAsync("claude-opus-4-6"));

        LoggedRequest sent = Assert.Single(Requests());
        Assert.Equal("beta-one,beta-two", sent.Headers["anthropic-beta"]);
        Assert.Equal("wrkspc_123", sent.Headers["anthropic-workspace-id"]);
        Assert.Equal("trace-7", sent.Headers["x-trace-id"]);
        Assert.EndsWith("csharp-tests/1", sent.Headers["user-agent"]);
        Assert.Equal("2023-06-01", sent.Headers["anthropic-version"]);
    }

    [Fact]
    public async Task BetaVariantAppliesToEveryRequest()
    {
        using ModelsClient client = Server.Client(o => o.BetaVariant = true);
        await Within(client.RetrieveAsync("claude-opus-4-6"));
        await Within(client.ListAsync());
        Assert.All(Requests(), r => Assert.Equal("true", Query(r, "beta")));
    }

    [Fact]
    public async Task InfiniteTimeoutAndDeadlineMeanNoLimit()
    {
        using ModelsClient client = Server.Client(o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Deadline = Timeout.InfiniteTimeSpan;
            o.ConnectTimeout = TimeSpan.FromSeconds(5);
            o.RetryAfterCap = TimeSpan.FromSeconds(2);
            o.MaxResponseBytes = 1 << 20;
            o.Proxy = "";
            o.CurlGlobalInit = true;
        });
        Assert.Equal("claude-opus-4-6", (await Within(client.RetrieveAsync("claude-opus-4-6"))).Id);
    }

    [Theory]
    [InlineData(nameof(ModelsClientOptions.Headers), "x-api-key")]
    [InlineData(nameof(ModelsClientOptions.Headers), "bad name")]
    [InlineData(nameof(ModelsClientOptions.MaxRetries), "101")]
    [InlineData(nameof(ModelsClientOptions.BaseUrl), "ftp://127.0.0.1/")]
    [InlineData(nameof(ModelsClientOptions.Timeout), "-5")]
    [InlineData(nameof(ModelsClientOptions.MaxResponseBytes), "10")]
    [InlineData(nameof(ModelsClientOptions.ApiKey), "sk-ant-\0")]
    [InlineData(nameof(ModelsClientOptions.CacheTtl), "31")]
    [InlineData(nameof(ModelsClientOptions.CacheDirectory), "")]
    public void RefusedOptionsNameTheProperty(string property, string value)
    {
        ModelsClientOptions options = Server.Options(o =>
        {
            switch (property)
            {
                case nameof(o.Headers): o.Headers[value] = "v"; break;
                case nameof(o.MaxRetries): o.MaxRetries = int.Parse(value); break;
                case nameof(o.BaseUrl): o.BaseUrl = value; break;
                case nameof(o.Timeout): o.Timeout = TimeSpan.FromSeconds(int.Parse(value)); break;
                case nameof(o.MaxResponseBytes): o.MaxResponseBytes = long.Parse(value); break;
                case nameof(o.ApiKey): o.ApiKey = value; break;
                case nameof(o.CacheTtl): o.CacheTtl = TimeSpan.FromDays(int.Parse(value)); break;
                case nameof(o.CacheDirectory): o.CacheDirectory = value; break;
            }
        });

        ArgumentException e = Assert.Throws<ArgumentException>(() => new ModelsClient(options));
        Assert.Equal("options", e.ParamName);
        Assert.StartsWith(property, e.Message);
        Assert.DoesNotContain(MockServer.ApiKey, e.Message);
    }

    [Fact]
    public void NullOptionsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => new ModelsClient(null!));
    }
}
