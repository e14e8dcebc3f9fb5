// The server's catalog, read independently of the binding: what the tests expect to get back.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AnthropicModels.Tests;

public sealed class Catalog
{
    public Catalog(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        Models = doc.RootElement.GetProperty("models").EnumerateArray().Select(m => m.Clone()).ToList();
        Aliases = doc.RootElement.GetProperty("aliases").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString()!);
    }

    /// <summary>Every model, newest first, as the file has them.</summary>
    public IReadOnlyList<JsonElement> Models { get; }

    public IReadOnlyDictionary<string, string> Aliases { get; }

    /// <summary>The ids a default listing returns: active and deprecated (a model without lifecycle counts as active).</summary>
    public IReadOnlyList<string> ListedIds => Models
        .Where(m => Lifecycle(m) != "retired")
        .Select(m => m.GetProperty("id").GetString()!)
        .ToList();

    public JsonElement Model(string id) => Models.Single(m => m.GetProperty("id").GetString() == id);

    public static string Lifecycle(JsonElement m) =>
        m.TryGetProperty("lifecycle", out JsonElement l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "active";
}
