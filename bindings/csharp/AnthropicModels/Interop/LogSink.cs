using System;

namespace AnthropicModels.Interop;

/// <summary>The target of the client's log hook: hands each line to the host's Action.</summary>
internal sealed unsafe class LogSink
{
    [ThreadStatic]
    private static bool t_writing;

    private readonly Action<ModelsLogLevel, string> _log;

    internal LogSink(Action<ModelsLogLevel, string> log) => _log = log;

    /// <summary>True while the host's log Action runs on this thread (the client's worker).</summary>
    internal static bool IsWritingOnThisThread => t_writing;

    // Runs on the client's worker thread.
    internal void Write(int level, byte* message)
    {
        string line = Utf8.Decode(message) ?? string.Empty;
        t_writing = true;
        try
        {
            _log((ModelsLogLevel)level, line);
        }
#pragma warning disable CA1031 // A failing logger must not take the request (or the process) down with it.
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        finally
        {
            t_writing = false;
        }
    }
}
