// bench.sh runs this with AM_BENCH_BASE_URL (am-mock-server --synthetic 1000) and
// AM_BENCH_FIELDS_LIB (fields.c compiled). A short job, in process: a few minutes in all.
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AnthropicModels.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithId("Short").WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1)
                       .WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        BenchmarkSwitcher.FromTypes(new[] { typeof(CallBenchmarks), typeof(FieldReadBenchmarks) }).Run(args, config);
    }
}
