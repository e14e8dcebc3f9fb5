// The exceptions a call can throw: one class per class of failure (ModelsStatus), all deriving
// from AnthropicModelsException. Bad input from the caller is an ArgumentException and a fired
// CancellationToken an OperationCanceledException, as everywhere in .NET.
using System;

namespace AnthropicModels;

/// <summary>What the C library reported about a failed call.</summary>
internal readonly struct ErrorDetails
{
    internal ErrorDetails(ModelsStatus status, string message, int? httpStatus, string? errorType,
                          string? requestId, int attempts, TimeSpan? retryAfter)
    {
        Status = status;
        Message = message;
        HttpStatus = httpStatus;
        ErrorType = errorType;
        RequestId = requestId;
        Attempts = attempts;
        RetryAfter = retryAfter;
    }

    internal ModelsStatus Status { get; }
    internal string Message { get; }
    internal int? HttpStatus { get; }
    internal string? ErrorType { get; }
    internal string? RequestId { get; }
    internal int Attempts { get; }
    internal TimeSpan? RetryAfter { get; }

    /// <summary>The message with what identifies the failure, e.g. "model: x (not_found, HTTP 404, ...)".</summary>
    internal string Describe(string statusName)
    {
        var text = new System.Text.StringBuilder(Message).Append(" (").Append(statusName);
        if (HttpStatus is int http) text.Append(", HTTP ").Append(http);
        if (ErrorType != null) text.Append(", ").Append(ErrorType);
        if (RequestId != null) text.Append(", request-id ").Append(RequestId);
        if (Attempts > 1) text.Append(", ").Append(Attempts).Append(" attempts");
        return text.Append(')').ToString();
    }
}

/// <summary>A Models API call failed. The subclass names the class of failure.</summary>
public class AnthropicModelsException : Exception
{
    /// <summary>A failure of unspecified class (<see cref="ModelsStatus.Internal"/>).</summary>
    public AnthropicModelsException() : this("The Models API call failed.") { }

    /// <inheritdoc cref="AnthropicModelsException()"/>
    public AnthropicModelsException(string message) : this(message, null) { }

    /// <inheritdoc cref="AnthropicModelsException()"/>
    public AnthropicModelsException(string message, Exception? innerException) : base(message, innerException)
    {
        Status = ModelsStatus.Internal;
    }

    internal AnthropicModelsException(in ErrorDetails details, string statusName)
        : base(details.Describe(statusName))
    {
        Status = details.Status;
        HttpStatus = details.HttpStatus;
        ErrorType = details.ErrorType;
        RequestId = details.RequestId;
        Attempts = details.Attempts;
        RetryAfter = details.RetryAfter;
    }

    /// <summary>The class of failure.</summary>
    public ModelsStatus Status { get; }

    /// <summary>The HTTP status of the failing response; null when there was no response.</summary>
    public int? HttpStatus { get; }

    /// <summary>The API's error type, e.g. <c>rate_limit_error</c>; null when the server sent none.</summary>
    public string? ErrorType { get; }

    /// <summary>The <c>request-id</c> header of the failing response, for support requests.</summary>
    public string? RequestId { get; }

    /// <summary>HTTP attempts made, retries included (over every page when listing all); 0 when nothing was sent.</summary>
    public int Attempts { get; }

    /// <summary>The delay the server asked for before a retry (<c>retry-after</c>), or null.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>HTTP 400 or 422: the server refused the request.</summary>
public sealed class BadRequestException : AnthropicModelsException
{
    internal BadRequestException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 401, or no API key or token was configured (then nothing was sent).</summary>
public sealed class AuthenticationException : AnthropicModelsException
{
    internal AuthenticationException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 403.</summary>
public sealed class PermissionDeniedException : AnthropicModelsException
{
    internal PermissionDeniedException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 404: no model with that id or alias.</summary>
public sealed class NotFoundException : AnthropicModelsException
{
    internal NotFoundException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 409.</summary>
public sealed class ConflictException : AnthropicModelsException
{
    internal ConflictException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 413.</summary>
public sealed class RequestTooLargeException : AnthropicModelsException
{
    internal RequestTooLargeException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 429, after the retries; <see cref="AnthropicModelsException.RetryAfter"/> says when to try again.</summary>
public sealed class RateLimitException : AnthropicModelsException
{
    internal RateLimitException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>HTTP 529: the API is overloaded.</summary>
public sealed class OverloadedException : AnthropicModelsException
{
    internal OverloadedException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>Any other HTTP 5xx, after the retries.</summary>
public sealed class ServerErrorException : AnthropicModelsException
{
    internal ServerErrorException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>Any other HTTP status: a redirect (never followed), 408, another 4xx.</summary>
public sealed class UnexpectedStatusException : AnthropicModelsException
{
    internal UnexpectedStatusException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>An attempt timed out (<see cref="ModelsClientOptions.Timeout"/>) or the call passed its <see cref="ModelsClientOptions.Deadline"/>.</summary>
public sealed class ApiTimeoutException : AnthropicModelsException
{
    internal ApiTimeoutException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>The connection failed: refused, reset, or cut before the whole response arrived.</summary>
public sealed class ConnectionException : AnthropicModelsException
{
    internal ConnectionException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>The TLS handshake or the server's certificate verification failed.</summary>
public sealed class TlsException : AnthropicModelsException
{
    internal TlsException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>The response was not valid JSON of the expected shape; the message names the field.</summary>
public sealed class DecodeException : AnthropicModelsException
{
    internal DecodeException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>The response body exceeded <see cref="ModelsClientOptions.MaxResponseBytes"/>.</summary>
public sealed class ResponseTooLargeException : AnthropicModelsException
{
    internal ResponseTooLargeException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>
/// Listing every page met a repeated cursor, more pages without a cursor, or
/// <see cref="ModelListParams.MaxPages"/>: never a silently partial list.
/// </summary>
public sealed class PaginationException : AnthropicModelsException
{
    internal PaginationException(in ErrorDetails d, string name) : base(d, name) { }
}

/// <summary>
/// <see cref="ModelsClientOptions.Offline"/> is on and the client's cache (memory or disk) holds no
/// answer for the call: nothing was sent. Pages (<see cref="ModelsClient.ListAsync"/>) and walks
/// from a cursor are never cached, so offline they always end here.
/// </summary>
public sealed class NotCachedException : AnthropicModelsException
{
    internal NotCachedException(in ErrorDetails d, string name) : base(d, name) { }
}
