package anthropicmodels

import (
	"log/slog"
	"time"
)

// Option configures a Client. Every setting is optional: an unset one falls
// back to the environment (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN,
// ANTHROPIC_BASE_URL; an empty variable counts as unset) and then to the C
// library's defaults. Invalid values make NewClient fail with ErrInvalidArgument.
type Option func(*config)

// config is what the options collected, in the order given; NewClient turns
// it into am_options. A nil pointer means "not set".
type config struct {
	strings          []stringSetting
	betas            []string
	headers          [][2]string
	durations        []durationSetting
	maxRetries       *int
	maxResponseBytes *int64
	ignoreEnv        bool
	betaVariant      bool
	staleWhileReval  bool
	offline          bool
	logger           *slog.Logger
}

// stringSetting is one string option: which am_options setter, and its value.
type stringSetting struct {
	key   stringKey
	value string
}

type stringKey int

const (
	keyAPIKey stringKey = iota
	keyAuthToken
	keyBaseURL
	keyAPIVersion
	keyWorkspaceID
	keyProxy
	keyCABundle
	keyUserAgentSuffix
	keyCacheDir
)

// durationSetting is one duration option: which am_options setter, and its value.
type durationSetting struct {
	key   durationKey
	value time.Duration
}

type durationKey int

const (
	keyTimeout durationKey = iota
	keyConnectTimeout
	keyDeadline
	keyRetryAfterCap
	keyCacheTTL
)

func withString(k stringKey, v string) Option {
	return func(c *config) { c.strings = append(c.strings, stringSetting{k, v}) }
}

func withDuration(k durationKey, d time.Duration) Option {
	return func(c *config) { c.durations = append(c.durations, durationSetting{k, d}) }
}

// WithAPIKey sets the key sent as x-api-key (default: ANTHROPIC_API_KEY).
func WithAPIKey(key string) Option { return withString(keyAPIKey, key) }

// WithAuthToken sets the token sent as "Authorization: Bearer" (default:
// ANTHROPIC_AUTH_TOKEN; used when no API key is set).
func WithAuthToken(token string) Option { return withString(keyAuthToken, token) }

// WithBaseURL sets the http:// or https:// URL of the API (default:
// ANTHROPIC_BASE_URL, else https://api.anthropic.com).
func WithBaseURL(url string) Option { return withString(keyBaseURL, url) }

// WithAPIVersion sets the anthropic-version header (default "2023-06-01").
func WithAPIVersion(version string) Option { return withString(keyAPIVersion, version) }

// WithBetas adds beta names; all go out as one "anthropic-beta: a,b" header.
func WithBetas(betas ...string) Option {
	return func(c *config) { c.betas = append(c.betas, betas...) }
}

// WithWorkspaceID sets the anthropic-workspace-id header.
func WithWorkspaceID(id string) Option { return withString(keyWorkspaceID, id) }

// WithHeader adds an extra request header. Credentials and the headers the
// library manages (x-api-key, authorization, anthropic-version,
// anthropic-beta, host, ...) are refused: use their options.
func WithHeader(name, value string) Option {
	return func(c *config) { c.headers = append(c.headers, [2]string{name, value}) }
}

// WithTimeout sets the timeout of each HTTP attempt (default 60 s; 0: none).
// Durations are rounded up to whole milliseconds.
func WithTimeout(d time.Duration) Option { return withDuration(keyTimeout, d) }

// WithConnectTimeout sets the connect timeout (default 10 s; 0: libcurl's default).
func WithConnectTimeout(d time.Duration) Option { return withDuration(keyConnectTimeout, d) }

// WithDeadline bounds each call as a whole, retries and backoff included
// (default 0: none). A context deadline does the same per call.
func WithDeadline(d time.Duration) Option { return withDuration(keyDeadline, d) }

// WithMaxRetries sets the retries after the first attempt (default 2, 0..100).
func WithMaxRetries(n int) Option {
	return func(c *config) { c.maxRetries = &n }
}

// WithRetryAfterCap sets the longest server-requested delay that is honoured
// (default 60 s). A longer one ends the call at once with the delay in
// Error.RetryAfter, so the caller can schedule the retry itself.
func WithRetryAfterCap(d time.Duration) Option { return withDuration(keyRetryAfterCap, d) }

// WithProxy sets the proxy URL; "" disables proxies even when http_proxy and
// friends are set. Unset: those variables apply.
func WithProxy(url string) Option { return withString(keyProxy, url) }

// WithCABundle sets the path of a PEM CA bundle used to verify servers
// (verification is always on).
func WithCABundle(path string) Option { return withString(keyCABundle, path) }

// WithMaxResponseBytes sets the largest response body accepted (default 32 MiB, minimum 1024).
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) { c.maxResponseBytes = &n }
}

// WithUserAgentSuffix appends to the User-Agent header.
func WithUserAgentSuffix(suffix string) Option { return withString(keyUserAgentSuffix, suffix) }

// WithIgnoreEnv ignores the ANTHROPIC_* environment variables.
func WithIgnoreEnv() Option { return func(c *config) { c.ignoreEnv = true } }

// WithBetaVariant makes every request of the client use the beta variant (?beta=true).
func WithBetaVariant() Option { return func(c *config) { c.betaVariant = true } }

// WithLogger receives the C library's log: one record per HTTP attempt (Info
// for a 2xx, Warn for an attempt that will be retried or was cancelled, Error
// for one that ends the call), with the attributes method, url, status or
// error, retry_in, elapsed, attempt and request_id where the line has them.
// Records never hold a credential. The handler runs on the client's worker
// thread: keep it quick, and do not call the client from it.
func WithLogger(logger *slog.Logger) Option { return func(c *config) { c.logger = logger } }

// WithCacheTTL turns on the client's in-memory cache of ListAll, Catalog and
// Get answers: while an answer is younger than ttl it is served without a
// request (a Get may be answered from a fresh full listing). The API's guide
// suggests an hour. 0 (the default) turns the memory cache off; at most 30
// days. The cache key holds everything that changes an answer (base URL, a
// digest of the credential, API version, betas, workspace, headers,
// lifecycle filter, beta variant); calls with a cursor, List and Models are
// never cached. With any cache option on (this, WithCacheDir or
// WithOffline), identical ListAll, Catalog or Get calls made at the same time
// share one HTTP request.
func WithCacheTTL(ttl time.Duration) Option { return withDuration(keyCacheTTL, ttl) }

// WithCacheDir turns on the disk cache: the last good full listing of each
// cache key is kept in dir (created with mode 0700 when missing; NewClient
// fails with ErrInvalidArgument when it cannot be used), written atomically
// and without any secret. A listing there younger than the TTL is served like
// a memory hit, also by a new process. When a refresh fails (connection,
// timeout, HTTP 5xx, 529 or 429), the last good listing is returned marked
// stale (ModelList.Stale, ModelList.Age) instead of the error.
func WithCacheDir(dir string) Option { return withString(keyCacheDir, dir) }

// WithStaleWhileRevalidate serves a cached listing or model whose TTL has
// passed at once, marked stale, while one background request refreshes it.
// It needs WithCacheTTL.
func WithStaleWhileRevalidate() Option { return func(c *config) { c.staleWhileReval = true } }

// WithOffline answers ListAll, Catalog and Get from the cache only (memory,
// then disk, however old; an answer past its TTL is marked stale) and never
// sends a request: a call nothing cached answers fails with ErrNotCached, as
// do List and Models, which are never cached.
func WithOffline() Option { return func(c *config) { c.offline = true } }
