using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class RetrieveTests : ServerTests
{
    public RetrieveTests(MockServer server) : base(server) { }

    [Fact]
    public async Task EveryFieldOfAModelWithCapabilities()
    {
        using ModelsClient client = Server.Client();
        ModelInfo m = await Within(client.RetrieveAsync("claude-opus-4-6"));

        JsonElement expected = Catalog.Model("claude-opus-4-6");
        Assert.Equal("claude-opus-4-6", m.Id);
        Assert.Equal(expected.GetProperty("display_name").GetString(), m.DisplayName);
        Assert.Equal("model", m.Type);
        Assert.Equal(DateTimeOffset.Parse(expected.GetProperty("created_at").GetString()!), m.CreatedAt);
        Assert.Equal(expected.GetProperty("max_input_tokens").GetInt64(), m.MaxInputTokens);
        Assert.Equal(expected.GetProperty("max_tokens").GetInt64(), m.MaxTokens);
        Assert.Equal("active", m.Lifecycle);
        Assert.Equal("opus", m.Line);
        Assert.Null(m.DeprecatedAt);
        Assert.Null(m.RetiresAt);
        Assert.Equal(new[] { "low", "medium", "high", "max", "xhigh" }, m.EffortLevels);
        Assert.Equal(new[] { "adaptive", "enabled", "disabled", "between_tools" }, m.ThinkingTypes);
        Assert.Equal(Catalog.Capabilities(expected), m.Capabilities.ToList());
        Assert.Equal("/v1/models/claude-opus-4-6", Assert.Single(Requests()).Path);
    }

    [Fact]
    public async Task SupportsByEnumAndByPathIncludingCapabilitiesNewerThanTheBinding()
    {
        using ModelsClient client = Server.Client();
        ModelInfo m = await Within(client.RetrieveAsync("claude-opus-4-6"));

        Assert.Equal(Support.Yes, m.Supports(Capability.EffortXhigh));
        Assert.Equal(Support.Yes, m.Supports("thinking.types.adaptive"));
        Assert.Equal(Support.Yes, m.Supports("future_capability"));  // not in the Capability enum
        Assert.Equal(Support.Yes, m.Capabilities["future_capability"]);
        Assert.Equal(Support.Unknown, m.Supports("no_such.capability"));
        Assert.Equal(Support.Unknown, m.Supports((Capability)999));
        Assert.False(m.Capabilities.ContainsKey("thinking.types"));  // a node without a support value of its own
        Assert.Throws<KeyNotFoundException>(() => m.Capabilities["no_such"]);
        foreach (Capability c in Enum.GetValues<Capability>())
            Assert.Equal(m.Capabilities[CapabilityNames.Path(c)], m.Supports(c));
    }

    [Fact]
    public async Task RawJsonHasEveryFieldTheServerSent()
    {
        using ModelsClient client = Server.Client();
        ModelInfo m = await Within(client.RetrieveAsync("claude-opus-4-6"));

        using JsonDocument raw = JsonDocument.Parse(m.RawJson);
        JsonElement expected = Catalog.Model("claude-opus-4-6");
        foreach (JsonProperty p in expected.EnumerateObject().Where(p => p.Name != "allowed_fallback_models"))  // beta only
        {
            Assert.True(raw.RootElement.TryGetProperty(p.Name, out JsonElement sent), p.Name);
            Assert.True(JsonElement.DeepEquals(p.Value, sent), p.Name);
        }
        Assert.Same(m.RawJson, m.RawJson);  // decoded once
    }

    [Fact]
    public async Task EveryAliasResolvesToItsCanonicalId()
    {
        using ModelsClient client = Server.Client();
        foreach ((string alias, string id) in Catalog.Aliases)
            Assert.Equal(id, (await Within(client.RetrieveAsync(alias))).Id);
        Assert.Equal(Catalog.Aliases.Count, Requests().Count);
    }

    [Fact]
    public async Task DeprecatedModelHasItsDates()
    {
        using ModelsClient client = Server.Client();
        ModelInfo m = await Within(client.RetrieveAsync("claude-opus-4-0"));

        Assert.Equal("claude-opus-4-20250514", m.Id);
        Assert.Equal("deprecated", m.Lifecycle);
        Assert.Equal(new DateTimeOffset(2025, 10, 28, 0, 0, 0, TimeSpan.Zero), m.DeprecatedAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero), m.RetiresAt);
    }

    [Fact]
    public async Task OldShapeModelLeavesUnknownValuesNull()
    {
        using ModelsClient client = Server.Client();
        ModelInfo m = await Within(client.RetrieveAsync("claude-3-haiku-20240307"));

        Assert.Null(m.MaxTokens);
        Assert.Null(m.MaxInputTokens);
        Assert.Null(m.Lifecycle);
        Assert.Empty(m.Capabilities);
        Assert.Empty(m.EffortLevels);
        Assert.Empty(m.ThinkingTypes);
        Assert.Equal(Support.Unknown, m.Supports(Capability.Batch));
        Assert.Equal(Support.Unknown, m.Supports("batch"));
    }

    [Fact]
    public async Task EpochCreationDateMeansUnknown()
    {
        using ModelsClient client = Server.Client();
        Assert.Null((await Within(client.RetrieveAsync("claude-2.1"))).CreatedAt);
    }

    [Fact]
    public void SynchronousRetrieveByAlias()
    {
        using ModelsClient client = Server.Client();
        ModelInfo m = client.Retrieve("claude-haiku-4-5");
        Assert.Equal("claude-haiku-4-5-20251001", m.Id);
        Assert.Equal(Catalog.Model(m.Id).GetProperty("display_name").GetString(), m.DisplayName);
    }

    [Fact]
    public async Task SendsTheKeyAndVersionHeaders()
    {
        using ModelsClient client = Server.Client();
        await Within(client.RetrieveAsync("claude-opus-4-6"));

        LoggedRequest sent = Assert.Single(Requests());
        Assert.Equal(MockServer.ApiKey, sent.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", sent.Headers["anthropic-version"]);
        Assert.False(sent.Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task ModelIdIsSentAsOnePathSegment()
    {
        using ModelsClient client = Server.Client();
        NotFoundException e = await Assert.ThrowsAsync<NotFoundException>(() => client.RetrieveAsync("a/b?c d"));
        Assert.Equal(404, e.HttpStatus);
        Assert.Contains("model: a/b?c d", e.Message);
        Assert.Equal("/v1/models/a%2Fb%3Fc%20d", Assert.Single(Requests()).Path);
    }

    [Fact]
    public async Task BadIdsAreRefusedBeforeAnythingIsSent()
    {
        using ModelsClient client = Server.Client();
        Assert.Throws<ArgumentNullException>(() => { _ = client.RetrieveAsync(null!); });
        Assert.Throws<ArgumentException>(() => { _ = client.RetrieveAsync("a\0b"); });
        await Assert.ThrowsAsync<ArgumentException>(() => client.RetrieveAsync(""));
        Assert.Empty(Requests());
    }
}
