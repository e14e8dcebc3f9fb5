package anthropicmodels

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestOptionsReachTheWire(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t, WithHeader("x-custom", "v1"), WithBetas("beta-a", "beta-b"), WithWorkspaceID("ws_42"),
		WithAPIVersion("2026-10-21"), WithUserAgentSuffix("go-test/1.0"), WithBetaVariant(),
		WithTimeout(5*time.Second), WithConnectTimeout(2*time.Second), WithDeadline(10*time.Second),
		WithProxy(""), WithMaxResponseBytes(1<<20))
	if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil {
		t.Fatal(err)
	}
	r := srv.requests(t)[0]
	for name, want := range map[string]string{
		"x-custom": "v1", "anthropic-beta": "beta-a,beta-b", "anthropic-workspace-id": "ws_42",
		"anthropic-version": "2026-10-21", "x-api-key": testKey,
	} {
		if got, _ := r.header(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if ua, _ := r.header("user-agent"); !strings.HasSuffix(ua, "go-test/1.0") {
		t.Errorf("user-agent %q", ua)
	}
	if q, _ := url.ParseQuery(r.Query); q.Get("beta") != "true" {
		t.Errorf("query %q", r.Query)
	}
}

func TestAuthTokenIsSentAsBearer(t *testing.T) {
	srv := freshServer(t)
	c, err := NewClient(WithIgnoreEnv(), WithBaseURL(srv.URL), WithAuthToken("tok-secret"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil {
		t.Fatal(err)
	}
	r := srv.requests(t)[0]
	if auth, _ := r.header("authorization"); auth != "Bearer tok-secret" {
		t.Errorf("authorization %q", auth)
	}
	if _, ok := r.header("x-api-key"); ok {
		t.Error("x-api-key sent with only a token")
	}
}

func TestEnvironmentDefaultsLikeTheCLibrary(t *testing.T) {
	srv := freshServer(t)
	t.Setenv("ANTHROPIC_BASE_URL", srv.URL)
	t.Setenv("ANTHROPIC_API_KEY", "env-key-123")
	t.Setenv("ANTHROPIC_AUTH_TOKEN", "")
	c, err := NewClient()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil {
		t.Fatal(err)
	}
	if key, _ := srv.requests(t)[0].header("x-api-key"); key != "env-key-123" {
		t.Errorf("x-api-key %q, want the environment's", key)
	}
	// Options win over the environment; WithIgnoreEnv drops it altogether.
	srv.clearLog(t)
	c2, err := NewClient(WithAPIKey("option-key"))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if _, err := c2.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil {
		t.Fatal(err)
	}
	if key, _ := srv.requests(t)[0].header("x-api-key"); key != "option-key" {
		t.Errorf("x-api-key %q, want the option's", key)
	}
	c3, err := NewClient(WithIgnoreEnv(), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if _, err := c3.Get(ctxTimeout(t), "claude-opus-4-6"); !errors.Is(err, ErrAuthentication) {
		t.Errorf("ignoring the environment: %v", err)
	}
}

func TestProxyOptionIsUsed(t *testing.T) {
	srv := freshServer(t)
	// A proxy nobody listens on: the call fails to connect, and the server sees nothing.
	c := newTestClient(t, WithProxy("http://127.0.0.1:1"), WithMaxRetries(0))
	_, err := c.Get(ctxTimeout(t), "claude-opus-4-6")
	checkClass(t, err, StatusConnection)
	if n := len(srv.requests(t)); n != 0 {
		t.Errorf("%d requests bypassed the proxy", n)
	}
}

func TestDeadlineOptionBoundsTheCall(t *testing.T) {
	srv := freshServer(t)
	hang(t, srv, "/v1/models/")
	c := newTestClient(t, WithDeadline(150*time.Millisecond))
	start := time.Now()
	_, err := c.Get(ctxTimeout(t), "claude-opus-4-6")
	checkClass(t, err, StatusTimeout)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v with a 150 ms deadline", d)
	}
}

func TestInvalidOptionsAreRefused(t *testing.T) {
	for name, opt := range map[string]Option{
		"base URL scheme":     WithBaseURL("ftp://example.com"),
		"managed header":      WithHeader("x-api-key", "v"),
		"header name":         WithHeader("bad name", "v"),
		"header value CR LF":  WithHeader("x-a", "v\r\nx-b: w"),
		"NUL in key":          WithAPIKey("sk\x00x"),
		"NUL in header":       WithHeader("x-a", "v\x00"),
		"negative timeout":    WithTimeout(-time.Second),
		"negative deadline":   WithDeadline(-1),
		"retries":             WithMaxRetries(101),
		"retries overflow":    WithMaxRetries(1 << 33),
		"response cap":        WithMaxResponseBytes(10),
		"empty beta":          WithBetas(""),
		"negative connect":    WithConnectTimeout(-time.Millisecond),
		"negative cap":        WithRetryAfterCap(-time.Second),
		"NUL in CA bundle":    WithCABundle("/x\x00y"),
		"NUL in proxy":        WithProxy("http://\x00"),
		"NUL in workspace":    WithWorkspaceID("\x00"),
		"NUL in version":      WithAPIVersion("\x00"),
		"NUL in token":        WithAuthToken("\x00"),
		"NUL in agent suffix": WithUserAgentSuffix("\x00"),
		"cache TTL > 30 days": WithCacheTTL(31 * 24 * time.Hour),
		"negative cache TTL":  WithCacheTTL(-time.Second),
		"empty cache dir":     WithCacheDir(""),
		"NUL in cache dir":    WithCacheDir("/tmp/\x00"),
	} {
		c, err := NewClient(WithIgnoreEnv(), WithAPIKey(testKey), opt)
		if c != nil || !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: %v %v", name, c, err)
			if c != nil {
				c.Close()
			}
		}
	}
	if err := waitNoLiveHandles(time.Second); err != nil {
		t.Error(err)
	}
}

func TestDurationsRoundUpToMilliseconds(t *testing.T) {
	for d, want := range map[time.Duration]int64{0: 0, 1: 1, time.Millisecond: 1, 1500 * time.Microsecond: 2, time.Hour: 3600000} {
		got, err := millis("x", d)
		if err != nil || int64(got) != want {
			t.Errorf("millis(%v) = %d, %v; want %d", d, got, err, want)
		}
	}
}
