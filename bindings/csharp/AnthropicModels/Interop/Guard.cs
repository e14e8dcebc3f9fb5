using System;

namespace AnthropicModels.Interop;

/// <summary>Argument checks that read the same on both target frameworks.</summary>
internal static class Guard
{
    internal static void NotNull(object? value, string paramName)
    {
#if NET8_0_OR_GREATER
        ArgumentNullException.ThrowIfNull(value, paramName);
#else
        if (value == null) throw new ArgumentNullException(paramName);
#endif
    }

    internal static void NotDisposed(bool disposed, object instance)
    {
#if NET8_0_OR_GREATER
        ObjectDisposedException.ThrowIf(disposed, instance);
#else
        if (disposed) throw new ObjectDisposedException(instance.GetType().FullName);
#endif
    }
}
