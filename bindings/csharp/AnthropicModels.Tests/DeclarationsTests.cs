// The binding's constants against $AM_PREFIX/include/anthropic_models.h: every status, support,
// capability and log level value, the capability count and the ABI version.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AnthropicModels.Interop;
using Xunit;

namespace AnthropicModels.Tests;

[Collection(ServerCollection.Name)]
public sealed class DeclarationsTests
{
    private static readonly Lazy<string> s_header = new(() =>
    {
        string prefix = Environment.GetEnvironmentVariable("AM_PREFIX") is { Length: > 0 } p
            ? p : throw new InvalidOperationException("AM_PREFIX is not set (bindings/csharp/test.sh sets it)");
        return File.ReadAllText(Path.Combine(prefix, "include", "anthropic_models.h"));
    });

    [Fact]
    public void StatusValuesMatchTheHeader() =>
        AssertSame<ModelsStatus>("am_status_code", name => name == "AM_OK" ? "Ok" : Pascal(name, "AM_ERR_"));

    [Fact]
    public void SupportValuesMatchTheHeader() => AssertSame<Support>("am_support_code", name => Pascal(name, "AM_SUPPORT_"));

    [Fact]
    public void CapabilityValuesMatchTheHeader() => AssertSame<Capability>("am_capability_code", name => Pascal(name, "AM_CAP_"));

    [Fact]
    public void LogLevelValuesMatchTheHeader() =>
        AssertSame<ModelsLogLevel>("am_log_level_code", name => name == "AM_LOG_WARN" ? "Warning" : Pascal(name, "AM_LOG_"));

    [Fact]
    public void CapabilityCountAndAbiVersionMatchTheHeaderAndTheLoadedLibrary()
    {
        // (xUnit wants the constant first; the header is the reference either way.)
        Assert.Equal(NativeMethods.CapabilityCount, Define("AM_CAP_COUNT"));
        Assert.Equal(NativeMethods.CapabilityCount, Enum.GetValues<Capability>().Max(c => (int)c) + 1);
        Assert.Equal(NativeMethods.AbiVersion, Define("AM_ABI_VERSION"));
        string version = Regex.Match(s_header.Value, @"#define AM_VERSION_STRING ""([^""]+)""").Groups[1].Value;
        Assert.Equal(version, ModelsClient.NativeVersion);  // loads the library
        Assert.Equal(Define("AM_ABI_VERSION"), NativeMethods.am_abi_version());
    }

    [Fact]
    public unsafe void CapabilityNamesSpellTheLibrarysPaths()
    {
        _ = ModelsClient.NativeVersion;
        foreach (Capability c in Enum.GetValues<Capability>())
            Assert.Equal(CapabilityNames.Path(c), Utf8.Decode(NativeMethods.am_capability_path((int)c)));
    }

    // The named enum's constants, both ways: no value missing in the binding, none it made up.
    private static void AssertSame<TEnum>(string enumName, Func<string, string> dotnetName) where TEnum : struct, Enum
    {
        Match body = Regex.Match(s_header.Value, @"enum\s+" + enumName + @"\s*\{(?<body>[^}]*)\}");
        Assert.True(body.Success, $"enum {enumName} not found in the header");
        var header = Regex.Matches(body.Groups["body"].Value, @"(?<name>AM_[A-Z0-9_]+)\s*=\s*(?<value>-?\d+)")
            .ToDictionary(m => dotnetName(m.Groups["name"].Value), m => int.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        var binding = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), v => Convert.ToInt32(v, CultureInfo.InvariantCulture));
        Assert.NotEmpty(header);
        Assert.Equal(header.OrderBy(kv => kv.Key, StringComparer.Ordinal), binding.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    private static int Define(string name) =>
        int.Parse(Regex.Match(s_header.Value, @"#define " + name + @"\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    // AM_ERR_NOT_FOUND -> NotFound, AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112 -> ContextManagementCompact20260112
    private static string Pascal(string name, string prefix) =>
        string.Concat(name[prefix.Length..].Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));
}
