package anthropicmodels

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"
)

// What test.sh (or the caller) provides; nothing falls back to a guess.
var testEnv struct {
	prefix  string // AM_PREFIX: the C library's install prefix (its header is checked)
	mockBin string // AM_MOCK_SERVER
	catalog string // AM_CATALOG: the catalog the server serves by default
}

// mock serves the default catalog for every test.
var mock *mockServer

// testKey is the credential of the test clients; no output may contain it.
const testKey = "sk-ant-api03-test-SECRET-0123456789abcdef"

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	for _, v := range []struct {
		name string
		dst  *string
	}{{"AM_PREFIX", &testEnv.prefix}, {"AM_MOCK_SERVER", &testEnv.mockBin}, {"AM_CATALOG", &testEnv.catalog}} {
		*v.dst = os.Getenv(v.name)
		if *v.dst == "" {
			fmt.Fprintf(os.Stderr, "%s is not set: run bindings/go/test.sh, or export AM_PREFIX, AM_MOCK_SERVER and AM_CATALOG\n", v.name)
			return 2
		}
	}
	var err error
	if mock, err = startMock(testEnv.mockBin, "--catalog", testEnv.catalog); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer mock.stop()
	defer stopSyntheticMock()
	code := m.Run()
	if code == 0 {
		// Every test released what it took from the C library.
		if err := waitNoLiveHandles(5 * time.Second); err != nil {
			fmt.Fprintln(os.Stderr, "after all tests:", err)
			return 1
		}
	}
	return code
}

// synthetic serves --synthetic 1000 for the benchmarks, started when first used.
var synthetic struct {
	once sync.Once
	srv  *mockServer
	err  error
}

func syntheticMock(tb testing.TB) *mockServer {
	synthetic.once.Do(func() {
		synthetic.srv, synthetic.err = startMock(testEnv.mockBin, "--catalog", testEnv.catalog, "--synthetic", "1000")
	})
	if synthetic.err != nil {
		tb.Fatal(synthetic.err)
	}
	return synthetic.srv
}

func stopSyntheticMock() {
	if synthetic.srv != nil {
		synthetic.srv.stop()
	}
}

// newTestClient is a client of the mock server with the test key and nothing
// from the environment, closed when the test ends.
func newTestClient(t testing.TB, opts ...Option) *Client {
	t.Helper()
	return newClientFor(t, mock, opts...)
}

func newClientFor(t testing.TB, srv *mockServer, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBaseURL(srv.URL), WithAPIKey(testKey), WithIgnoreEnv()}
	c, err := NewClient(append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// freshServer clears the default server's log (and faults at cleanup) so a
// test sees only its own requests.
func freshServer(t testing.TB) *mockServer {
	t.Helper()
	mock.control(t, "DELETE", "/_mock/faults", nil)
	mock.clearLog(t)
	return mock
}

// waitNoLiveHandles waits until the binding holds nothing of the C library.
// Release callbacks may still be running on a worker thread just after a
// call returned, so the counts are polled for a while; each poll collects
// garbage first, since a ModelList's C list is freed by its finalizer.
func waitNoLiveHandles(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		runtime.GC()
		counts := liveCounts()
		left := false
		for _, n := range counts {
			left = left || n != 0
		}
		if !left {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("handles still alive: %v", counts)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ctxTimeout is a context for one test call, so a hang fails instead of blocking.
func ctxTimeout(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
