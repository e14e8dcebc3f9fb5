// Reading every field of 1000 models already fetched: through ModelInfo (built from the native
// list, as every call of the binding does) against the same reads in C (fields.c, the baseline).
using System;
using System.Runtime.InteropServices;
using AnthropicModels.Interop;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AnthropicModels.Benchmarks;

[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class FieldReadBenchmarks
{
    private IntPtr _list;
    private ModelListHandle _owner = null!;  // frees the list at the end, as the binding's own calls do
    private delegate* unmanaged<IntPtr, ulong> _readAllFields;
    private delegate* unmanaged<IntPtr, ulong> _readAllFieldsAndJson;

    [GlobalSetup]
    public void Setup()
    {
        _ = ModelsClient.NativeVersion;  // libanthropic_models first: the helper links against it
        string path = Environment.GetEnvironmentVariable("AM_BENCH_FIELDS_LIB")
                      ?? throw new InvalidOperationException("AM_BENCH_FIELDS_LIB is not set (bench.sh sets it)");
        IntPtr helper = NativeLibrary.Load(path);
        _readAllFields = (delegate* unmanaged<IntPtr, ulong>)NativeLibrary.GetExport(helper, "bench_read_all_fields");
        _readAllFieldsAndJson = (delegate* unmanaged<IntPtr, ulong>)NativeLibrary.GetExport(helper, "bench_read_all_fields_and_json");
        var fetch = (delegate* unmanaged<byte*, byte*, int, IntPtr>)NativeLibrary.GetExport(helper, "bench_fetch");
        fixed (byte* url = System.Text.Encoding.UTF8.GetBytes(BenchServer.BaseUrl + "\0"))
        fixed (byte* key = System.Text.Encoding.UTF8.GetBytes(BenchServer.ApiKey + "\0"))
            _list = fetch(url, key, 1000);
        if (_list == IntPtr.Zero || NativeMethods.am_model_list_count(_list) != 1000)
            throw new InvalidOperationException("could not fetch 1000 models");
        _owner = new ModelListHandle(_list);
        var readModel = (delegate* unmanaged<IntPtr, ulong>)NativeLibrary.GetExport(helper, "bench_read_model_fields");
        ModelInfo[] models = ModelReader.ReadModels(_owner, _list);
        for (int i = 0; i < models.Length; i++)
        {
            ulong c = readModel(NativeMethods.am_model_list_at(_list, (nuint)i)), dotnet = Fields(models[i]);
            if (c != dotnet) throw new InvalidOperationException($"C and .NET read {models[i].Id} differently: {c} vs {dotnet}");
        }
        if (DotNet() != C() || DotNetWithJson() != CWithJson())
            throw new InvalidOperationException("the C and .NET reads disagree");
    }

    [GlobalCleanup]
    public void Cleanup() => _owner.Dispose();

    [Benchmark(Baseline = true, Description = "C: every field")]
    [BenchmarkCategory("fields")]
    public ulong C() => _readAllFields(_list);

    [Benchmark(Description = "AnthropicModels: every field")]
    [BenchmarkCategory("fields")]
    public ulong DotNet()
    {
        ulong sum = 0;
        foreach (ModelInfo m in ModelReader.ReadModels(_owner, _list)) sum += Fields(m);
        return sum;
    }

    [Benchmark(Baseline = true, Description = "C: every field + raw JSON")]
    [BenchmarkCategory("fields + json")]
    public ulong CWithJson() => _readAllFieldsAndJson(_list);

    [Benchmark(Description = "AnthropicModels: every field + RawJson")]
    [BenchmarkCategory("fields + json")]
    public ulong DotNetWithJson()
    {
        ulong sum = 0;
        foreach (ModelInfo m in ModelReader.ReadModels(_owner, _list)) sum += Fields(m) + (ulong)m.RawJson.Length;
        return sum;
    }

    // The same sum as fields.c computes: string lengths (ASCII here), numbers, supports + 1.
    private static ulong Fields(ModelInfo m)
    {
        ulong sum = (ulong)m.Id.Length + Length(m.DisplayName) + Length(m.Type);
        sum += (ulong)(m.CreatedAt?.ToUnixTimeSeconds() ?? 0);
        sum += (ulong)(m.MaxInputTokens ?? 0) + (ulong)(m.MaxTokens ?? 0);
        sum += Length(m.Lifecycle) + Length(m.Line);
        sum += (ulong)(m.DeprecatedAt?.ToUnixTimeSeconds() ?? 0) + (ulong)(m.RetiresAt?.ToUnixTimeSeconds() ?? 0);
        foreach (string level in m.EffortLevels) sum += (ulong)level.Length;
        foreach (string type in m.ThinkingTypes) sum += (ulong)type.Length;
        foreach (var capability in m.Capabilities) sum += (ulong)capability.Key.Length + (ulong)((int)capability.Value + 1);
        return sum;
    }

    private static ulong Length(string? s) => (ulong)(s?.Length ?? 0);
}
