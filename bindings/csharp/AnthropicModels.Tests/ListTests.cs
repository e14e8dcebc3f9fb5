using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class ListTests : ServerTests
{
    public ListTests(MockServer server) : base(server) { }

    [Fact]
    public async Task OnePageHasTheFirstModelsAndItsCursors()
    {
        using ModelsClient client = Server.Client();
        ModelListPage page = await Within(client.ListAsync(new ModelListParams { Limit = 5 }));

        List<string> expected = Catalog.ListedIds.Take(5).ToList();
        Assert.Equal(expected, Ids(page.Data));
        Assert.Equal(expected[0], page.FirstId);
        Assert.Equal(expected[4], page.LastId);
        Assert.True(page.HasMore);
        LoggedRequest sent = Assert.Single(Requests());
        Assert.Equal("/v1/models", sent.Path);
        Assert.Equal("5", Query(sent, "limit"));
    }

    [Fact]
    public async Task WithoutParametersTheServerChoosesThePageSize()
    {
        using ModelsClient client = Server.Client();
        ModelListPage page = await Within(client.ListAsync());

        Assert.Equal(Catalog.ListedIds, Ids(page.Data));  // fewer than the server's 20
        Assert.False(page.HasMore);
        Assert.Equal("", Query(Assert.Single(Requests()), "limit"));
    }

    [Fact]
    public async Task EveryModelOfAPageHasItsOwnFieldsReadFromAnyThread()
    {
        using ModelsClient client = Server.Client();
        var parameters = new ModelListParams { Lifecycle = { "active", "deprecated", "retired" } };
        ModelListPage page = await Within(client.ListAsync(parameters));
        Assert.Equal(Catalog.Models.Count, page.Data.Count);

        // Models of a page share equal arrays: read them in parallel, in a shuffled order.
        var order = Enumerable.Range(0, page.Data.Count).OrderBy(i => (i * 7919) % 13).ToList();
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            ModelInfo m = page.Data[i];
            System.Text.Json.JsonElement expected = Catalog.Model(m.Id);
            Assert.Equal(Catalog.Capabilities(expected), m.Capabilities.ToList());
            Assert.Equal(Catalog.Supported(expected, "effort", "low", "medium", "high", "max", "xhigh"), m.EffortLevels);
            Assert.Equal(Catalog.Supported(expected, "thinking.types", "adaptive", "enabled", "disabled", "between_tools"), m.ThinkingTypes);
            Assert.Equal(expected.TryGetProperty("lifecycle", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.String ? l.GetString() : null, m.Lifecycle);
        });
    }

    [Fact]
    public void SynchronousListGivesTheSamePage()
    {
        using ModelsClient client = Server.Client();
        ModelListPage page = client.List(new ModelListParams { Limit = 3, AfterId = Catalog.ListedIds[1] });

        Assert.Equal(Catalog.ListedIds.Skip(2).Take(3), Ids(page.Data));
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task LazyEnumerationWalksForwardsAcrossPagesThatDoNotDivideTheTotal()
    {
        using ModelsClient client = Server.Client();
        List<ModelInfo> all = await Collect(client.ListAllAsync(new ModelListParams { Limit = 5 }));

        IReadOnlyList<string> ids = Catalog.ListedIds;
        Assert.Equal(13, ids.Count);
        Assert.Equal(ids, Ids(all));
        IReadOnlyList<LoggedRequest> sent = Requests();
        Assert.Equal(3, sent.Count);  // 5 + 5 + 3
        Assert.Equal(new[] { "", ids[4], ids[9] }, sent.Select(r => Query(r, "after_id")));
    }

    [Fact]
    public async Task LazyEnumerationWalksBackwardsNearestTheCursorFirst()
    {
        using ModelsClient client = Server.Client();
        IReadOnlyList<string> ids = Catalog.ListedIds;
        List<ModelInfo> all = await Collect(client.ListAllAsync(new ModelListParams { Limit = 5, BeforeId = ids[^1] }));

        Assert.Equal(ids.Take(ids.Count - 1).Reverse(), Ids(all));  // 12 models, oldest first
        IReadOnlyList<LoggedRequest> sent = Requests();
        Assert.Equal(3, sent.Count);  // 5 + 5 + 2
        Assert.Equal(new[] { ids[^1], ids[7], ids[2] }, sent.Select(r => Query(r, "before_id")));
    }

    [Fact]
    public async Task LazyEnumerationStartsAfterTheGivenCursor()
    {
        using ModelsClient client = Server.Client();
        IReadOnlyList<string> ids = Catalog.ListedIds;
        List<ModelInfo> all = await Collect(client.ListAllAsync(new ModelListParams { Limit = 4, AfterId = ids[2] }));

        Assert.Equal(ids.Skip(3), Ids(all));
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    public async Task StoppingEarlySendsNoFurtherRequest(int taken, int requests)
    {
        using ModelsClient client = Server.Client();
        var seen = new List<string>();
        await foreach (ModelInfo m in client.ListAllAsync(new ModelListParams { Limit = 5 }))
        {
            seen.Add(m.Id);
            if (seen.Count == taken) break;
        }

        Assert.Equal(Catalog.ListedIds.Take(taken), seen);
        Assert.Equal(requests, Requests().Count);
    }

    [Fact]
    public void SynchronousListAllFetchesEveryPageNewestFirstInBothDirections()
    {
        using ModelsClient client = Server.Client();
        IReadOnlyList<string> ids = Catalog.ListedIds;

        Assert.Equal(ids, Ids(client.ListAll(new ModelListParams { Limit = 5 })));
        Assert.Equal(3, Requests().Count);
        Assert.Equal(ids.Take(ids.Count - 1), Ids(client.ListAll(new ModelListParams { Limit = 5, BeforeId = ids[^1] })));
        Assert.Equal(ids, Ids(client.ListAll()));  // one page of up to 1000
    }

    [Fact]
    public async Task LifecycleFilterIsSentAndApplied()
    {
        using ModelsClient client = Server.Client();
        var parameters = new ModelListParams { Lifecycle = { "retired" } };
        ModelListPage page = await Within(client.ListAsync(parameters));

        List<string> retired = Catalog.Models.Where(m => Catalog.Lifecycle(m) == "retired")
                                             .Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(retired);
        Assert.Equal(retired, Ids(page.Data));
        Assert.All(page.Data, m => Assert.Equal("retired", m.Lifecycle));
        Assert.Equal("retired", Query(Assert.Single(Requests()), "lifecycle[]"));
    }

    [Fact]
    public async Task BetaVariantIsRequestedAndItsFieldsKept()
    {
        using ModelsClient client = Server.Client();
        ModelListPage page = await Within(client.ListAsync(new ModelListParams { Beta = true, Limit = 1 }));

        Assert.Equal("true", Query(Assert.Single(Requests()), "beta"));
        Assert.Contains("\"allowed_fallback_models\"", page.Data[0].RawJson);
    }

    [Fact]
    public async Task MissingCursorIsAPaginationErrorAfterThePageIsYielded()
    {
        using ModelsClient client = Server.Client();
        string id = Catalog.ListedIds[0];
        Server.AddFault($$"""{"action":"respond","status":200,"times":-1,"body":"{\"data\":[{\"id\":\"{{id}}\",\"type\":\"model\"}],\"has_more\":true,\"first_id\":\"{{id}}\",\"last_id\":null}"}""");

        var seen = new List<string>();
        PaginationException e = await Assert.ThrowsAsync<PaginationException>(async () =>
        {
            await foreach (ModelInfo m in client.ListAllAsync()) seen.Add(m.Id);
        });
        Assert.Equal(new[] { id }, seen);
        Assert.Contains("last_id is missing", e.Message);
        Assert.Equal(ModelsStatus.Pagination, e.Status);

        // The C library applies the same rule to the list it builds.
        Assert.Throws<PaginationException>(() => client.ListAll());
    }

    [Fact]
    public async Task RepeatedCursorIsAPaginationError()
    {
        using ModelsClient client = Server.Client();
        string id = Catalog.ListedIds[0];
        Server.AddFault($$"""{"action":"respond","status":200,"times":-1,"body":"{\"data\":[{\"id\":\"{{id}}\",\"type\":\"model\"}],\"has_more\":true,\"first_id\":\"{{id}}\",\"last_id\":\"{{id}}\"}"}""");

        PaginationException e = await Assert.ThrowsAsync<PaginationException>(() => Collect(client.ListAllAsync()));
        Assert.Contains("repeated", e.Message);
        Assert.Equal(2, Requests().Count);
        Assert.Throws<PaginationException>(() => client.ListAll());
    }

    [Fact]
    public async Task PageCapIsAPaginationErrorNotAPartialList()
    {
        using ModelsClient client = Server.Client();
        var parameters = new ModelListParams { Limit = 5, MaxPages = 2 };
        var seen = new List<string>();
        await Assert.ThrowsAsync<PaginationException>(async () =>
        {
            await foreach (ModelInfo m in client.ListAllAsync(parameters)) seen.Add(m.Id);
        });
        Assert.Equal(10, seen.Count);
        Assert.Equal(2, Requests().Count);
        Assert.Throws<PaginationException>(() => client.ListAll(parameters));
    }
}
