#if !NET8_0_OR_GREATER
using System;

namespace AnthropicModels.Interop;

/// <summary>
/// Marks a static method that native code calls through a delegate. Unity's IL2CPP recognises the
/// attribute by its name (any namespace) and generates a native entry point for the method;
/// Mono and CoreCLR ignore it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MonoPInvokeCallbackAttribute : Attribute
{
    public MonoPInvokeCallbackAttribute(Type delegateType) => DelegateType = delegateType;

    public Type DelegateType { get; }
}
#endif
