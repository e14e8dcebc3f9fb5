// How the native library is found, and how a failure reads.
using System;
using System.IO;
using AnthropicModels.Interop;
using Xunit;

namespace AnthropicModels.Tests;

[Collection(ServerCollection.Name)]
public sealed class NativeLibraryTests
{
#if LIBRARY_NETSTANDARD
    [Fact]
    public void TheRuntimesSearchFindsTheLibraryByName()
    {
        _ = ModelsClient.NativeVersion;
        Assert.Equal("anthropic_models", NativeLibraryLoader.LoadedFrom);
    }
#else
    [Fact]
    public void ThePackagesRuntimesFolderComesBeforeTheSystemSearch()
    {
        _ = ModelsClient.NativeVersion;
        string expected = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libanthropic_models.so");
        if (Environment.GetEnvironmentVariable(NativeLibraryLoader.PathVariable) is { Length: > 0 } explicitPath)
            expected = Path.GetFullPath(explicitPath);
        Assert.Equal(expected, NativeLibraryLoader.LoadedFrom);
    }

    [Fact]
    public void AFailedSearchNamesEveryPathTriedAndWhy()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "libanthropic_models.so");
        string garbage = Path.GetTempFileName();
        File.WriteAllText(garbage, "not a shared library");
        string notOurs = "/lib/x86_64-linux-gnu/libz.so.1";
        try
        {
            DllNotFoundException e = Assert.Throws<DllNotFoundException>(
                () => NativeLibraryLoader.Probe(new[] { missing, garbage, notOurs }, out _));

            Assert.Contains($"{missing}: not found", e.Message);
            Assert.Contains(garbage + ": ", e.Message);
            if (File.Exists(notOurs)) Assert.Contains($"{notOurs}: not libanthropic_models (no am_abi_version)", e.Message);
            Assert.Contains(NativeLibraryLoader.PathVariable, e.Message);
        }
        finally
        {
            File.Delete(garbage);
        }
    }

    [Fact]
    public void ChangingThePathOnceLoadedIsRefused()
    {
        _ = ModelsClient.NativeVersion;
        string? current = ModelsClient.NativeLibraryPath;
        Assert.Throws<InvalidOperationException>(() => ModelsClient.NativeLibraryPath = "/somewhere/else.so");
        ModelsClient.NativeLibraryPath = current;  // the same value is fine
    }
#endif
}
