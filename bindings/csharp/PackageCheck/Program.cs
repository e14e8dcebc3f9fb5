// Usage: PackageCheck ALIAS. Credentials and server from ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL.
// Exit 0: the package works; 3: no usable native library (the message lists the paths tried).
using AnthropicModels;

try
{
    using var client = new ModelsClient();
    ModelList all = client.ListAll();
    ModelInfo model = await client.RetrieveAsync(args[0]);
    Console.WriteLine($"package ok: {all.Count} models; {args[0]} is {model.Id}; native library {ModelsClient.NativeVersion}");
    return 0;
}
catch (DllNotFoundException e)
{
    Console.WriteLine(e.Message);
    return 3;
}
