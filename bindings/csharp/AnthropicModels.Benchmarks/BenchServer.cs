using System;

namespace AnthropicModels.Benchmarks;

/// <summary>The am-mock-server that bench.sh started (with --synthetic 1000).</summary>
internal static class BenchServer
{
    internal const string ApiKey = "bench-key";

    internal static string BaseUrl { get; } =
        Environment.GetEnvironmentVariable("AM_BENCH_BASE_URL") is { Length: > 0 } url
            ? url : throw new InvalidOperationException("AM_BENCH_BASE_URL is not set (bench.sh sets it)");

    internal static ModelsClient Binding() =>
        new(new ModelsClientOptions { ApiKey = ApiKey, BaseUrl = BaseUrl, IgnoreEnvironment = true });

    internal static Anthropic.AnthropicClient Official() => new() { ApiKey = ApiKey, BaseUrl = BaseUrl };
}
