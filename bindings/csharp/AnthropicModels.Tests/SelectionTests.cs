// Selections over a listing (issue 13): each is checked against the same selection made with LINQ
// over the models the binding read, on a listing holding both catalog shapes (models with
// capabilities and old ones without), and sends no request.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class SelectionTests : ServerTests
{
    public SelectionTests(MockServer server) : base(server) { }

    // Every stage: the listing then holds every model of the catalog.
    private ModelList Everything(ModelsClient client) =>
        client.ListAll(new ModelListParams { Lifecycle = { "active", "deprecated", "retired" } });

    [Theory]
    [InlineData("image_input")]
    [InlineData("image_input", "thinking.types.adaptive")]
    [InlineData("effort.xhigh")]
    public void SelectSupportedKeepsOnlyModelsWhereEveryPathIsYes(params string[] paths)
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);
        List<ModelInfo> withoutCapabilities = all.Where(m => m.Capabilities.Count == 0).ToList();
        Assert.NotEmpty(withoutCapabilities);  // both shapes are in the input
        Assert.All(withoutCapabilities, m => Assert.All(paths, p => Assert.Equal(Support.Unknown, m.Supports(p))));

        ModelList selected = all.SelectSupported(paths);
        List<string> expected = Catalog.Models
            .Where(m => paths.All(p => Catalog.Capabilities(m).Any(c => c.Key == p && c.Value == Support.Yes)))
            .Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(expected);
        Assert.NotEqual(all.Count, expected.Count);
        Assert.Equal(expected, Ids(selected));
        Assert.DoesNotContain(selected, m => withoutCapabilities.Any(w => w.Id == m.Id));  // Unknown never counts
        Assert.Equal(Ids(selected), Ids(all.SelectSupported((IEnumerable<string>)paths)));
        Assert.Single(Requests());
    }

    [Fact]
    public void SelectSupportedWithoutPathsKeepsEveryModel()
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);
        Assert.Equal(Ids(all), Ids(all.SelectSupported()));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".image_input")]
    [InlineData("thinking..types")]
    [InlineData("image input")]
    [InlineData("image_input,thinking")]
    public void AMalformedPathIsAnArgumentException(string path)
    {
        using ModelsClient client = Server.Client();
        ModelList all = client.ListAll();

        ArgumentException e = Assert.Throws<ArgumentException>(() => all.SelectSupported("image_input", path));
        Assert.Equal("paths", e.ParamName);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        using ModelsClient client = Server.Client();
        ModelList all = client.ListAll();

        Assert.Throws<ArgumentNullException>(() => all.SelectSupported((string[])null!));
        Assert.Throws<ArgumentNullException>(() => all.SelectSupported((IEnumerable<string>)null!));
        ArgumentException nullPath = Assert.Throws<ArgumentException>(() => all.SelectSupported("image_input", null!));
        Assert.Equal("paths", nullPath.ParamName);
        Assert.Throws<ArgumentException>(() => all.SelectSupported("image\0input"));
        Assert.Throws<ArgumentNullException>(() => all.SelectLine(null!));
        Assert.Throws<ArgumentNullException>(() => all.SelectLifecycle(null!));
        Assert.Throws<ArgumentNullException>(() => all.Find(null!));
        Assert.Equal("idOrPrefix", Assert.Throws<ArgumentException>(() => all.Find("")).ParamName);
    }

    [Theory]
    [InlineData("opus")]
    [InlineData("sonnet")]
    [InlineData("haiku")]
    [InlineData("no-such-line")]
    public void SelectLineKeepsTheLineInOrder(string line)
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);
        Assert.Equal(Ids(all.Where(m => m.Line == line)), Ids(all.SelectLine(line)));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("deprecated")]
    [InlineData("retired")]
    public void SelectLifecycleKeepsTheStageInOrder(string stage)
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);
        List<string> expected = Ids(all.Where(m => m.Lifecycle == stage));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(all.SelectLifecycle(stage)));
    }

    [Fact]
    public void SelectRetiringBeforeKeepsKnownDatesStrictlyBefore()
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);
        DateTimeOffset latest = all.Where(m => m.RetiresAt != null).Max(m => m.RetiresAt!.Value);

        List<string> before = Ids(all.SelectRetiringBefore(latest));
        Assert.Equal(Ids(all.Where(m => m.RetiresAt < latest)), before);
        Assert.NotEmpty(before);
        Assert.DoesNotContain(before, id => all.Find(id)!.RetiresAt == latest);  // strictly before
        // A fraction of a second later includes the models retiring at that very second.
        Assert.Equal(Ids(all.Where(m => m.RetiresAt <= latest)), Ids(all.SelectRetiringBefore(latest.AddMilliseconds(1))));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SortByCreatedIsStableWithUndatedModelsLast(bool newestFirst)
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);
        List<ModelInfo> dated = all.Where(m => m.CreatedAt != null).ToList();
        IEnumerable<ModelInfo> ordered = newestFirst ? dated.OrderByDescending(m => m.CreatedAt) : dated.OrderBy(m => m.CreatedAt);
        List<string> expected = Ids(ordered.Concat(all.Where(m => m.CreatedAt == null)));
        Assert.Contains(all, m => m.CreatedAt == null);  // claude-2.1's epoch date is unknown

        ModelList sorted = all.SortByCreated(newestFirst);
        Assert.Equal(expected, Ids(sorted));
        Assert.Equal(all.Count, sorted.Count);
    }

    [Fact]
    public void NewestOfEachLineAndOfAll()
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);

        Assert.Equal("claude-opus-4-6", all.Newest("opus")?.Id);
        Assert.Equal("claude-sonnet-4-5-20250929", all.Newest("sonnet")?.Id);
        Assert.Equal("claude-haiku-4-5-20251001", all.Newest("haiku")?.Id);
        Assert.Equal(all.Where(m => m.CreatedAt != null).MaxBy(m => m.CreatedAt)!.Id, all.Newest()?.Id);
        Assert.Null(all.Newest("no-such-line"));
        Assert.Null(all.SelectLine("no-such-line").Newest());
    }

    [Fact]
    public void FindByIdOrAliasLikePrefixReturnsTheListsOwnModel()
    {
        using ModelsClient client = Server.Client();
        ModelList all = Everything(client);

        ModelInfo? exact = all.Find("claude-opus-4-20250514");
        Assert.Same(all.Single(m => m.Id == "claude-opus-4-20250514"), exact);
        Assert.Equal("claude-sonnet-4-5-20250929", all.Find("claude-sonnet-4-5")?.Id);
        Assert.Equal("claude-haiku-4-5-20251001", all.Find("claude-haiku-4-5")?.Id);
        Assert.Equal("claude-sonnet-4-5-20250929", all.Find("claude-sonnet-4")?.Id);  // the newest of the prefix
        Assert.Null(all.Find("claude-sonnet-4-50"));
        Assert.Null(all.Find("claude-sonn"));  // a prefix must end where a '-' follows
        Assert.Null(all.Find("no-such-model"));
    }

    [Fact]
    public void SelectionsKeepTheCacheMarksAndSendNoRequest()
    {
        using ModelsClient client = Server.Client(o => o.CacheTtl = TimeSpan.FromHours(1));
        client.ListAll();
        ModelList cached = client.ListAll();
        Assert.True(cached.FromCache);

        ModelList chained = cached.SelectLine("opus").SelectSupported("image_input").SortByCreated(newestFirst: false);
        Assert.True(chained.FromCache);
        Assert.Equal(cached.IsStale, chained.IsStale);
        Assert.Equal(cached.Age, chained.Age);
        Assert.Equal(Ids(cached.Where(m => m.Line == "opus" && m.Supports("image_input") == Support.Yes).Reverse()), Ids(chained));
        Assert.False(client.ListAll(new ModelListParams { Refresh = true }).SelectLine("opus").FromCache);
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public void ASelectionOutlivesTheListItCameFrom()
    {
        using ModelsClient client = Server.Client();
        ModelList opus = SelectOpusAndDropTheListing(client);
        LifetimeTests.ForceCollect();

        Assert.NotEmpty(opus);
        Assert.All(opus, m =>
        {
            Assert.Contains($"\"id\":\"{m.Id}\"", m.RawJson.Replace(" ", ""));
            Assert.Equal(Support.Yes, m.Supports(Capability.ImageInput));
        });
        Assert.Same(opus[0], opus.Find(opus[0].Id));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ModelList SelectOpusAndDropTheListing(ModelsClient client) => client.ListAll().SelectLine("opus");
}
