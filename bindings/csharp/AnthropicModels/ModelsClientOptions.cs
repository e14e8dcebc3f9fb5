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
    /// Receives one line per HTTP attempt (never with credentials). It runs on the client's worker
    /// thread: keep it quick, and make no synchronous call on the client from it.
    /// </summary>
    public Action<ModelsLogLevel, string>? Log { get; set; }
}
