namespace AnthropicModels.Interop;

/// <summary>The dotted path of each <see cref="Capability"/>, as the C library names it.</summary>
internal static unsafe class CapabilityPaths
{
    // Read from the library on first use, which follows loading it (a ModelInfo exists).
    private static readonly string?[] s_paths = Load();

    internal static string? Of(Capability capability)
    {
        int i = (int)capability;
        return i > 0 && i < s_paths.Length ? s_paths[i] : null;
    }

    private static string?[] Load()
    {
        var paths = new string?[NativeMethods.CapabilityCount];
        for (int i = 1; i < paths.Length; i++) paths[i] = Utf8Vocabulary.Decode(NativeMethods.am_capability_path(i));
        return paths;
    }
}
