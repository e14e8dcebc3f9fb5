// Finds libanthropic_models before the first P/Invoke and checks its ABI version, so a missing or
// wrong library is one clear exception at client construction (never a TypeInitializationException
// or an EntryPointNotFoundException in the middle of a call).
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace AnthropicModels.Interop;

internal static unsafe class NativeLibraryLoader
{
    internal const string PathVariable = "ANTHROPIC_MODELS_NATIVE_LIBRARY";

    private static readonly object s_gate = new object();
    private static volatile bool s_loaded;
    private static string? s_explicitPath;

    /// <summary>See <see cref="ModelsClient.NativeLibraryPath"/>.</summary>
    internal static string? ExplicitPath
    {
        get => s_explicitPath;
        set
        {
            lock (s_gate)
            {
                if (s_loaded && !string.Equals(value, s_explicitPath, StringComparison.Ordinal))
                    throw new InvalidOperationException(
                        "The native library is already loaded; set ModelsClient.NativeLibraryPath before the first client is created.");
                s_explicitPath = value;
            }
        }
    }

    /// <summary>Where the library was loaded from (a path, or the name the system resolved).</summary>
    internal static string? LoadedFrom { get; private set; }

    internal static void EnsureLoaded()
    {
        if (s_loaded) return;
        lock (s_gate)
        {
            if (s_loaded) return;
            LoadedFrom = Load();
            s_loaded = true;
        }
    }

#if NET8_0_OR_GREATER
    private static IntPtr s_library;

    private static string Load()
    {
        s_library = Probe(Candidates(), out string loadedFrom);
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
        return loadedFrom;
    }

    /// <summary>
    /// Loads the first candidate that is a libanthropic_models of this ABI; otherwise throws a
    /// DllNotFoundException that names every candidate and why it was passed over.
    /// </summary>
    internal static IntPtr Probe(IEnumerable<string> candidates, out string loadedFrom)
    {
        var tried = new List<string>();
        foreach (string candidate in candidates)
        {
            if (Path.IsPathRooted(candidate) && !File.Exists(candidate))
            {
                tried.Add($"{candidate}: not found");
                continue;
            }
            IntPtr library;
            try
            {
                library = NativeLibrary.Load(candidate);
            }
            catch (Exception e) when (e is DllNotFoundException || e is BadImageFormatException)
            {
                tried.Add($"{candidate}: {e.Message}");  // the loader's reason: a missing dependency, another architecture
                continue;
            }
            string? problem = CheckAbi(library);
            if (problem != null)
            {
                tried.Add($"{candidate}: {problem}");
                NativeLibrary.Free(library);
                continue;
            }
            loadedFrom = candidate;
            return library;
        }
        throw NotFound(tried);
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath) =>
        name == NativeMethods.Lib ? s_library : IntPtr.Zero;

    // In order: the explicit path (property, then environment variable) alone when one is given;
    // else the package's runtimes/<rid>/native/ folder next to the application, the application
    // folder, then the system's default search (the SONAME first, then the development link).
    private static IEnumerable<string> Candidates()
    {
        string? explicitPath = s_explicitPath;
        if (string.IsNullOrEmpty(explicitPath)) explicitPath = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            yield return Path.GetFullPath(explicitPath);
            yield break;
        }
        string file = LibraryFileName();
        string baseDir = AppContext.BaseDirectory;
        foreach (string rid in RuntimeIdentifiers())
            yield return Path.Combine(baseDir, "runtimes", rid, "native", file);
        yield return Path.Combine(baseDir, file);
        if (OperatingSystem.IsLinux()) yield return "libanthropic_models.so.1";
        yield return file;
    }

    private static string LibraryFileName() =>
        OperatingSystem.IsWindows() ? "anthropic_models.dll"
        : OperatingSystem.IsMacOS() ? "libanthropic_models.dylib"
        : "libanthropic_models.so";

    private static IEnumerable<string> RuntimeIdentifiers()
    {
        string rid = RuntimeInformation.RuntimeIdentifier;  // portable (linux-x64) since .NET 8
        yield return rid;
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string portable = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        if (portable != rid) yield return portable;
    }

    private static string? CheckAbi(IntPtr library)
    {
        if (!NativeLibrary.TryGetExport(library, "am_abi_version", out IntPtr export))
            return "not libanthropic_models (no am_abi_version)";
        int abi = ((delegate* unmanaged[Cdecl]<int>)export)();
        return abi == NativeMethods.AbiVersion ? null : $"ABI version {abi}, this binding needs {NativeMethods.AbiVersion}";
    }
#else
    // netstandard2.1 (Unity, Godot): the runtime's own plugin search finds the library by its name.
    private static string Load()
    {
        if (!string.IsNullOrEmpty(s_explicitPath))
            throw new PlatformNotSupportedException(
                "ModelsClient.NativeLibraryPath needs the net8.0 build; on netstandard2.1 the runtime's plugin search finds 'anthropic_models'.");
        int abi;
        try
        {
            abi = NativeMethods.am_abi_version();
        }
        catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
        {
            throw NotFound(new[] { $"'{NativeMethods.Lib}' through the runtime's native library search: {e.Message}" });
        }
        if (abi != NativeMethods.AbiVersion)
            throw NotFound(new[] { $"'{NativeMethods.Lib}': ABI version {abi}, this binding needs {NativeMethods.AbiVersion}" });
        return NativeMethods.Lib;
    }
#endif

    private static DllNotFoundException NotFound(IEnumerable<string> tried)
    {
        var text = new StringBuilder("Could not load a usable libanthropic_models (ABI version ")
            .Append(NativeMethods.AbiVersion).Append("). Tried:");
        foreach (string line in tried) text.Append(Environment.NewLine).Append("  ").Append(line);
        text.Append(Environment.NewLine)
            .Append("Install the AnthropicModels package for this platform, set ModelsClient.NativeLibraryPath or ")
            .Append(PathVariable).Append(", or install the library where the system finds it.");
        return new DllNotFoundException(text.ToString());
    }
}
