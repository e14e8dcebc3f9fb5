// Lists every model with its token limits and the newest of each line, then looks one up by
// alias. Credentials and the server
// come from the environment (ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL), as
// with the C library.
using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AnthropicModels;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string alias = args.Length > 0 ? args[0] : "claude-sonnet-4-5";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            using var client = new ModelsClient();
            Console.WriteLine($"{"MODEL",-30} {"INPUT",9} {"OUTPUT",9}  {"LIFECYCLE",-10}  NAME");
            ModelList all = await client.GetModelListAsync(cancellationToken: timeout.Token);
            foreach (ModelInfo model in all)
                Console.WriteLine($"{model.Id,-30} {Tokens(model.MaxInputTokens),9} {Tokens(model.MaxTokens),9}  {model.Lifecycle ?? "-",-10}  {model.DisplayName}");
            Console.WriteLine($"{all.Count} models");
            foreach (string line in new[] { "opus", "sonnet", "haiku" })
                Console.WriteLine($"newest {line}: {all.Newest(line)?.Id ?? "none"}");

            ModelInfo found = await client.RetrieveAsync(alias, timeout.Token);
            Console.WriteLine($"{alias} is {found.Id}: {Tokens(found.MaxInputTokens)} input tokens, {Tokens(found.MaxTokens)} output tokens, " +
                              $"adaptive thinking {Describe(found.Supports(Capability.ThinkingTypesAdaptive))}, " +
                              $"effort levels: {(found.EffortLevels.Count == 0 ? "none" : string.Join(", ", found.EffortLevels))}");
            return 0;
        }
        catch (AnthropicModelsException e)
        {
            Console.Error.WriteLine($"list_models: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("list_models: gave up after 60 seconds");
            return 1;
        }
    }

    private static string Tokens(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Describe(Support s) => s switch
    {
        Support.Yes => "yes",
        Support.No => "no",
        _ => "unknown",
    };
}
