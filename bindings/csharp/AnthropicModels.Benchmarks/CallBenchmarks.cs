// One warm call through each client, same server, same page size: this binding against the
// official SDK (the baseline).
using System;
using System.Threading.Tasks;
using Anthropic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AnthropicModels.Benchmarks;

[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallBenchmarks
{
    private const string ModelId = "claude-opus-4-6";
    private const int PageSize = 1000;

    private ModelsClient _binding = null!;
    private AnthropicClient _official = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _binding = BenchServer.Binding();
        _official = BenchServer.Official();
        // Both see the same models (and the connections are warm before measuring).
        int binding = await BindingListAll(), official = await OfficialListAll();
        if (binding != official || binding < 1000)
            throw new InvalidOperationException($"list-all disagrees: binding {binding}, official {official}");
        if (await BindingRetrieve() != await OfficialRetrieve())
            throw new InvalidOperationException("retrieve disagrees");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding.Dispose();
        (_official as IDisposable)?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Anthropic SDK: Models.Retrieve")]
    [BenchmarkCategory("retrieve")]
    public async Task<string> OfficialRetrieve() => (await _official.Models.Retrieve(ModelId)).ID;

    [Benchmark(Description = "AnthropicModels: RetrieveAsync")]
    [BenchmarkCategory("retrieve")]
    public async Task<string> BindingRetrieve() => (await _binding.RetrieveAsync(ModelId)).Id;

    [Benchmark(Baseline = true, Description = "Anthropic SDK: Models.List().Paginate()")]
    [BenchmarkCategory("list all")]
    public async Task<int> OfficialListAll()
    {
        int count = 0;
        var page = await _official.Models.List(new Anthropic.Models.Models.ModelListParams { Limit = PageSize });
        await foreach (var model in page.Paginate()) count += model.ID.Length > 0 ? 1 : 0;
        return count;
    }

    [Benchmark(Description = "AnthropicModels: ListAllAsync")]
    [BenchmarkCategory("list all")]
    public async Task<int> BindingListAll()
    {
        int count = 0;
        await foreach (ModelInfo model in _binding.ListAllAsync(new ModelListParams { Limit = PageSize }))
            count += model.Id.Length > 0 ? 1 : 0;
        return count;
    }
}
