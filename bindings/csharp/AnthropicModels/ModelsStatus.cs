namespace AnthropicModels;

/// <summary>
/// The class of a failure (the C library's <c>am_status</c>), carried by
/// <see cref="AnthropicModelsException.Status"/>. Values may be added in later releases.
/// </summary>
public enum ModelsStatus
{
    /// <summary>Success (never carried by an exception).</summary>
    Ok = 0,

    /// <summary>Bad input from the caller; nothing was sent.</summary>
    InvalidArgument = 1,

    /// <summary>HTTP 400 or 422.</summary>
    BadRequest = 2,

    /// <summary>HTTP 401, or no credential configured.</summary>
    Authentication = 3,

    /// <summary>HTTP 403.</summary>
    Permission = 4,

    /// <summary>HTTP 404.</summary>
    NotFound = 5,

    /// <summary>HTTP 409.</summary>
    Conflict = 6,

    /// <summary>HTTP 413.</summary>
    RequestTooLarge = 7,

    /// <summary>HTTP 429.</summary>
    RateLimited = 8,

    /// <summary>HTTP 529.</summary>
    Overloaded = 9,

    /// <summary>Any other HTTP 5xx.</summary>
    Server = 10,

    /// <summary>Any other HTTP status (3xx, 408, other 4xx).</summary>
    Http = 11,

    /// <summary>A per-attempt timeout or the overall deadline.</summary>
    Timeout = 12,

    /// <summary>Connect, reset, truncated or failed transfer.</summary>
    Connection = 13,

    /// <summary>TLS handshake or certificate verification.</summary>
    Tls = 14,

    /// <summary>Malformed JSON or a field of the wrong type.</summary>
    Decode = 15,

    /// <summary>The body exceeded <see cref="ModelsClientOptions.MaxResponseBytes"/>.</summary>
    ResponseTooLarge = 16,

    /// <summary>Cancelled by the caller.</summary>
    Cancelled = 17,

    /// <summary>The native library ran out of memory.</summary>
    OutOfMemory = 18,

    /// <summary>A bug in the native library.</summary>
    Internal = 19,

    /// <summary>Listing every page met a repeated cursor, more pages without a cursor, or the page cap.</summary>
    Pagination = 20,

    /// <summary>
    /// <see cref="ModelsClientOptions.Offline"/> is on and nothing cached answers the call; nothing was sent.
    /// </summary>
    NotCached = 21,
}
