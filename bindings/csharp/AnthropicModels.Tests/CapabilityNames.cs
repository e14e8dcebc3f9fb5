using System;
using System.Linq;

namespace AnthropicModels.Tests;

public static class CapabilityNames
{
    // EffortXhigh -> effort.xhigh, ThinkingTypesBetweenTools -> thinking.types.between_tools: the
    // enum names spell the paths; the group names are the known prefixes.
    public static string Path(Capability c)
    {
        string snake = string.Concat(c.ToString().Select((ch, i) =>
            char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) :
            char.IsDigit(ch) && i > 0 && !char.IsDigit(c.ToString()[i - 1]) ? "_" + ch : char.ToLowerInvariant(ch).ToString()));
        foreach (string group in new[] { "context_management", "effort", "thinking_types", "thinking", "server_tools" })
            if (snake.StartsWith(group + "_", StringComparison.Ordinal))
                return group.Replace("_types", ".types") + "." + snake[(group.Length + 1)..];
        return snake;
    }
}
