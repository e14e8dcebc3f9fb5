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

    // Every node below `capabilities` with a support value, depth first in the file's order:
    // the rule am_model_capability_path_at documents, computed here from the catalog itself.
    public static List<KeyValuePair<string, Support>> Capabilities(JsonElement model)
    {
        var entries = new List<KeyValuePair<string, Support>>();
        void Walk(JsonElement node, string prefix)
        {
            foreach (JsonProperty p in node.EnumerateObject())
            {
                string path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
                if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    if (p.Name != "supported") entries.Add(new(path, p.Value.GetBoolean() ? Support.Yes : Support.No));
                    continue;
                }
                if (p.Value.ValueKind != JsonValueKind.Object) continue;
                if (p.Value.TryGetProperty("supported", out JsonElement s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    entries.Add(new(path, s.GetBoolean() ? Support.Yes : Support.No));
                Walk(p.Value, path);
            }
        }
        if (model.TryGetProperty("capabilities", out JsonElement caps) && caps.ValueKind == JsonValueKind.Object) Walk(caps, "");
        return entries;
    }

    /// <summary>The supported members of a group (effort, thinking.types): known names first, in their order.</summary>
    public static List<string> Supported(JsonElement model, string group, params string[] knownOrder)
    {
        var supported = Capabilities(model).Where(c => c.Key.StartsWith(group + ".", StringComparison.Ordinal) && c.Value == Support.Yes)
                                           .Select(c => c.Key[(group.Length + 1)..]).Where(n => !n.Contains('.')).ToList();
        return knownOrder.Where(supported.Contains).Concat(supported.Where(n => !knownOrder.Contains(n))).ToList();
    }
}
