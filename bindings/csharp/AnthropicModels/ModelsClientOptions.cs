using System;
using System.Collections.Generic;

namespace AnthropicModels;

/// <summary>
/// How a <see cref="ModelsClient"/> talks to the API. Every setting is optional: one left null
/// falls back to the environment (<c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_AUTH_TOKEN</c>,
/// <c>ANTHROPIC_BASE_URL</c>; see <see cref="IgnoreEnvironment"/>) and then to the native
/// library's default. The client copies the options when it is created.
/// </summary>
public sealed class ModelsClientOptions
{
    /// <summary>Sent as <c>x-api-key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> (used when no API key is set).</summary>
    public string? AuthToken { get; set; }

    /// <summary>An http:// or https:// URL; default <c>https://api.anthropic.com</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The <c>anthropic-version</c> header; default <c>2023-06-01</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Beta names, sent together as one <c>anthropic-beta</c> header.</summary>
    public IList<string> Betas { get; } = new List<string>();

    /// <summary>The <c>anthropic-workspace-id</c> header.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>
    /// Extra request headers. Credentials and the headers the library manages (x-api-key,
    /// authorization, anthropic-version, anthropic-beta, host, content-length, transfer-encoding,
    /// connection) are refused: use the properties.
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per-attempt timeout (default 60 s); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Connect timeout (default 10 s); <see cref="TimeSpan.Zero"/> for libcurl's default.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Overall limit of one call, retries and backoff included (default none); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? Deadline { get; set; }

    /// <summary>Retries after the first attempt (default 2, range 0..100).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// The longest server-requested delay (<c>retry-after</c>) that is honoured (default 60 s). A
    /// longer one ends the call at once with <see cref="AnthropicModelsException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan? RetryAfterCap { get; set; }

    /// <summary>A proxy URL; <c>""</c> disables proxies. Unset: <c>http_proxy</c>, <c>https_proxy</c>, <c>no_proxy</c> apply.</summary>
    public string? Proxy { get; set; }

    /// <summary>A PEM CA bundle to verify servers with (verification is always on).</summary>
    public string? CaBundlePath { get; set; }

    /// <summary>The largest response body accepted (default 32 MiB, minimum 1024).</summary>
    public long? MaxResponseBytes { get; set; }

    /// <summary>Appended to the User-Agent header.</summary>
    public string? UserAgentSuffix { get; set; }

    /// <summary>Ignore the <c>ANTHROPIC_*</c> environment variables.</summary>
    public bool IgnoreEnvironment { get; set; }

    /// <summary>Use the beta variant of the API (<c>?beta=true</c>) for every request.</summary>
    public bool BetaVariant { get; set; }

    /// <summary>
    /// Whether the client initialises libcurl's global state (default true). Set false in a host
    /// that calls <c>curl_global_init</c> itself.
    /// </summary>
    public bool CurlGlobalInit { get; set; } = true;

    /// <summary>
    /// How long a listing (<see cref="ModelsClient.ListAll"/>, <see cref="ModelsClient.GetModelListAsync"/>)
    /// or a retrieved model is served from the client's memory without a request: up to 30 days;
    /// null or <see cref="TimeSpan.Zero"/> keeps no memory cache (the default). The API's guide
    /// suggests an hour. The cache key holds everything that changes an answer (base URL, a digest
    /// of the credential, version, betas, workspace, headers, lifecycle filter, beta variant); pages
    /// and walks from a cursor are never cached. With any cache setting on (this,
    /// <see cref="CacheDirectory"/> or <see cref="Offline"/>), identical concurrent calls share one
    /// request.
    /// </summary>
    public TimeSpan? CacheTtl { get; set; }

    /// <summary>
    /// A directory (created with mode 0700 when missing) where the last good full listing of each
    /// cache key is kept, with no secret in it, and read by later clients and processes. When a
    /// refresh fails (connection, timeout, HTTP 5xx, 529, 429), that listing is returned marked
    /// <see cref="ModelList.IsStale"/> instead of the error. Null: no disk cache (the default).
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// Once <see cref="CacheTtl"/> has passed, answer from the cache at once (marked
    /// <see cref="ModelList.IsStale"/>) while one background request refreshes it. Needs a TTL.
    /// </summary>
    public bool StaleWhileRevalidate { get; set; }

    /// <summary>
    /// Never send a request: listings and models come from the cache (memory, then
    /// <see cref="CacheDirectory"/>, however old; past the TTL they are marked stale), and a call
    /// nothing cached answers throws <see cref="NotCachedException"/>.
    /// </summary>
    public bool Offline { get; set; }

    /// <summary>
    /// Receives one line per HTTP attempt (never with credentials). It runs on the client's worker
    /// thread: keep it quick, and make no synchronous call on the client from it.
    /// </summary>
    public Action<ModelsLogLevel, string>? Log { get; set; }
}
