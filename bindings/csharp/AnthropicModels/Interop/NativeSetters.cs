using System;

namespace AnthropicModels.Interop;

/// <summary>Calls a C setter of the <c>am_status set(handle, const char *value, am_error **err)</c> shape.</summary>
internal static unsafe class NativeSetters
{
    /// <summary>
    /// Sets a string (null: left unset) from <paramref name="property"/> of the argument
    /// <paramref name="paramName"/>; a refusal is an ArgumentException naming both.
    /// </summary>
    internal static void SetString(IntPtr target, string? value, delegate*<IntPtr, byte*, IntPtr*, int> setter,
                                   string paramName, string property)
    {
        if (value == null) return;
        IntPtr err;
        int status;
        fixed (byte* v = Utf8.Encode(value, stackalloc byte[Utf8.StackBufferSize], paramName, property))
            status = setter(target, v, &err);
        ErrorMapping.ThrowIfFailed(status, err, paramName, property);
    }
}
