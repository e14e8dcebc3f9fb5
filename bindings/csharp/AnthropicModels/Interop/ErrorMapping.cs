// am_status + am_error to the exception a .NET caller expects.
using System;
using System.Threading;

namespace AnthropicModels.Interop;

internal static unsafe class ErrorMapping
{
    /// <summary>Throws the exception for a failed call (whose error it frees); on success err is NULL.</summary>
    internal static void ThrowIfFailed(int status, IntPtr err, string? paramName = null, string? property = null)
    {
        if (status != 0) throw FromNative(status, err, CancellationToken.None, paramName, property);
    }

    /// <summary>
    /// Reads and frees a C error (which may be NULL: out of memory). A refused argument names
    /// <paramref name="paramName"/>, and <paramref name="property"/> of it in the message.
    /// </summary>
    internal static Exception FromNative(int status, IntPtr err, CancellationToken token, string? paramName = null, string? property = null)
    {
        using var handle = new ErrorHandle(err);
        ErrorDetails details = err == IntPtr.Zero
            ? new ErrorDetails((ModelsStatus)status, Utf8.Decode(NativeMethods.am_status_name(status)) ?? "error",
                               null, null, null, 0, null)
            : Read(err);
        return Create(details, token, paramName, property);
    }

    internal static Exception Create(in ErrorDetails d, CancellationToken token, string? paramName = null, string? property = null)
    {
        string name = Utf8.Decode(NativeMethods.am_status_name((int)d.Status)) ?? "unknown";
        switch (d.Status)
        {
            case ModelsStatus.InvalidArgument:
                return new ArgumentException(property == null ? d.Message : $"{property}: {d.Message}", paramName);
            case ModelsStatus.Cancelled:
                return token.IsCancellationRequested ? new OperationCanceledException(token) : new OperationCanceledException(d.Message);
            case ModelsStatus.BadRequest: return new BadRequestException(d, name);
            case ModelsStatus.Authentication: return new AuthenticationException(d, name);
            case ModelsStatus.Permission: return new PermissionDeniedException(d, name);
            case ModelsStatus.NotFound: return new NotFoundException(d, name);
            case ModelsStatus.Conflict: return new ConflictException(d, name);
            case ModelsStatus.RequestTooLarge: return new RequestTooLargeException(d, name);
            case ModelsStatus.RateLimited: return new RateLimitException(d, name);
            case ModelsStatus.Overloaded: return new OverloadedException(d, name);
            case ModelsStatus.Server: return new ServerErrorException(d, name);
            case ModelsStatus.Http: return new UnexpectedStatusException(d, name);
            case ModelsStatus.Timeout: return new ApiTimeoutException(d, name);
            case ModelsStatus.Connection: return new ConnectionException(d, name);
            case ModelsStatus.Tls: return new TlsException(d, name);
            case ModelsStatus.Decode: return new DecodeException(d, name);
            case ModelsStatus.ResponseTooLarge: return new ResponseTooLargeException(d, name);
            case ModelsStatus.Pagination: return new PaginationException(d, name);
            case ModelsStatus.NotCached: return new NotCachedException(d, name);
            default: return new AnthropicModelsException(d, name);  // out of memory, internal, newer classes
        }
    }

    private static ErrorDetails Read(IntPtr err)
    {
        int http = NativeMethods.am_error_http_status(err);
        long retryAfterMs = NativeMethods.am_error_retry_after_ms(err);
        return new ErrorDetails(
            (ModelsStatus)NativeMethods.am_error_status(err),
            Utf8.Decode(NativeMethods.am_error_message(err)) ?? string.Empty,
            http == 0 ? null : http,
            Utf8.Decode(NativeMethods.am_error_type(err)),
            Utf8.Decode(NativeMethods.am_error_request_id(err)),
            NativeMethods.am_error_attempts(err),
            retryAfterMs < 0 ? null : TimeSpan.FromMilliseconds(retryAfterMs));
    }
}
