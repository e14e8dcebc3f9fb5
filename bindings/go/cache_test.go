package anthropicmodels

// The client's cache as the Go binding exposes it: hits counted in the
// server's request log, the disk cache with the server stopped, offline
// mode, refresh and invalidation, single-flight across goroutines.

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// catalogIDs gives the ids of a ModelList's models.
func catalogIDs(l *ModelList) []string { return modelIDs(l.Models()) }

// fetchCatalog runs Catalog and fails the test on an error.
func fetchCatalog(t *testing.T, c *Client, p *ListParams) *ModelList {
	t.Helper()
	l, err := c.Catalog(ctxTimeout(t), p)
	if err != nil {
		t.Fatalf("Catalog: %v", err)
	}
	return l
}

func TestCacheHitSendsNoRequest(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t, WithCacheTTL(time.Hour))
	want := readCatalog(t).defaultIDs()

	first := fetchCatalog(t, c, nil)
	if first.FromCache() || first.Stale() || first.Age() != 0 || !slices.Equal(catalogIDs(first), want) {
		t.Fatalf("first: from cache %v, stale %v, age %v, ids %v", first.FromCache(), first.Stale(), first.Age(), catalogIDs(first))
	}
	second := fetchCatalog(t, c, nil)
	if !second.FromCache() || second.Stale() || !slices.Equal(catalogIDs(second), want) {
		t.Fatalf("second: from cache %v, stale %v, ids %v", second.FromCache(), second.Stale(), catalogIDs(second))
	}
	models, err := c.ListAll(ctxTimeout(t), nil) // the same key through the slice API
	if err != nil || !slices.Equal(modelIDs(models), want) {
		t.Fatalf("ListAll: %v %v", modelIDs(models), err)
	}
	m, err := c.Get(ctxTimeout(t), "claude-haiku-4-5-20251001") // answered from the fresh listing
	if err != nil || m.ID != "claude-haiku-4-5-20251001" {
		t.Fatalf("Get: %v %v", m, err)
	}
	if n := len(srv.requests(t)); n != 1 {
		t.Fatalf("%d requests, want 1 (every later call a cache hit)", n)
	}

	// Another lifecycle filter is another key: it is fetched.
	if _, err := c.Catalog(ctxTimeout(t), &ListParams{Lifecycle: []string{"retired"}}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests(t)); n != 2 {
		t.Fatalf("%d requests after another filter, want 2", n)
	}
}

func TestRefreshBypassesAndInvalidateForgets(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t, WithCacheTTL(time.Hour))
	fetchCatalog(t, c, nil)

	refreshed := fetchCatalog(t, c, &ListParams{Refresh: true})
	if refreshed.FromCache() || len(srv.requests(t)) != 2 {
		t.Fatalf("refresh: from cache %v, %d requests, want a second request", refreshed.FromCache(), len(srv.requests(t)))
	}
	if l := fetchCatalog(t, c, nil); !l.FromCache() || len(srv.requests(t)) != 2 {
		t.Fatalf("after the refresh: from cache %v, %d requests; the refresh repopulates", l.FromCache(), len(srv.requests(t)))
	}

	c.InvalidateCache()
	if l := fetchCatalog(t, c, nil); l.FromCache() || len(srv.requests(t)) != 3 {
		t.Fatalf("after InvalidateCache: from cache %v, %d requests, want 3", l.FromCache(), len(srv.requests(t)))
	}
	c.Close()
	c.InvalidateCache() // a no-op once closed, not a crash
}

// A new process (here a new client) starts with the server down: the last
// good listing on disk is served, marked stale, with its age.
func TestDiskCacheServesAStaleListingWhenTheServerIsDown(t *testing.T) {
	dir := t.TempDir()
	srv, err := startMock(testEnv.mockBin, "--catalog", testEnv.catalog)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.stop) // also when the test fails before stopping it
	writer := newClientFor(t, srv, WithCacheTTL(time.Hour), WithCacheDir(dir))
	want := catalogIDs(fetchCatalog(t, writer, nil))
	writer.Close()
	srv.stop()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatal("the disk cache is empty after a listing")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), testKey) {
			t.Errorf("%s holds the API key", f)
		}
	}

	const wait = 300 * time.Millisecond
	time.Sleep(wait)
	// TTL 1 ms: the file is expired, and the refresh meets a closed port.
	c := newClientFor(t, srv, WithCacheTTL(time.Millisecond), WithCacheDir(dir), WithMaxRetries(0))
	l := fetchCatalog(t, c, nil)
	if !l.Stale() || !l.FromCache() || !slices.Equal(catalogIDs(l), want) {
		t.Fatalf("stale %v, from cache %v, ids %v; want the stale listing %v", l.Stale(), l.FromCache(), catalogIDs(l), want)
	}
	if l.Age() < wait || l.Age() > wait+time.Minute {
		t.Errorf("age %v, want at least %v (and not absurdly more)", l.Age(), wait)
	}

	// Without a disk cache, the same call is the connection error.
	bare := newClientFor(t, srv, WithCacheTTL(time.Millisecond), WithMaxRetries(0))
	_, err = bare.Catalog(ctxTimeout(t), nil)
	checkClass(t, err, StatusConnection)
}

func TestOfflineServesTheCacheOrFailsWithNotCached(t *testing.T) {
	srv := freshServer(t)
	empty := newTestClient(t, WithOffline(), WithCacheDir(t.TempDir()))
	_, err := empty.Catalog(ctxTimeout(t), nil)
	checkClass(t, err, StatusNotCached)
	if _, err := empty.ListAll(ctxTimeout(t), nil); !errors.Is(err, ErrNotCached) {
		t.Errorf("ListAll: %v", err)
	}
	if _, err := empty.Get(ctxTimeout(t), "claude-opus-4-6"); !errors.Is(err, ErrNotCached) {
		t.Errorf("Get: %v", err)
	}
	if _, err := empty.List(ctxTimeout(t), nil); !errors.Is(err, ErrNotCached) {
		t.Errorf("List (never cached): %v", err)
	}
	if n := len(srv.requests(t)); n != 0 {
		t.Fatalf("offline sent %d requests", n)
	}

	dir := t.TempDir()
	want := catalogIDs(fetchCatalog(t, newTestClient(t, WithCacheDir(dir)), nil))
	offline := newTestClient(t, WithOffline(), WithCacheDir(dir))
	l := fetchCatalog(t, offline, nil)
	if !l.FromCache() || !slices.Equal(catalogIDs(l), want) {
		t.Fatalf("offline with a disk listing: from cache %v, ids %v", l.FromCache(), catalogIDs(l))
	}
	if n := len(srv.requests(t)); n != 1 {
		t.Fatalf("%d requests, want only the writer's", n)
	}
}

func TestCacheDirThatIsAFileIsRefused(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(WithIgnoreEnv(), WithAPIKey(testKey), WithCacheDir(file))
	if c != nil {
		c.Close()
	}
	checkClass(t, err, StatusInvalidArgument)
}

// Goroutines asking for the same listing at once share one request. The
// cache is a directory with no TTL, so nothing is served as a fresh hit: a
// second request would be made by any call that did not join the first.
func TestConcurrentCallsShareOneRequest(t *testing.T) {
	srv := freshServer(t)
	srv.addFaults(t, fault{"action": "respond", "pass_through": true, "delay_ms": 1000, "times": 1, "path_prefix": "/v1/models"})
	c := newTestClient(t, WithCacheDir(t.TempDir()))
	want := readCatalog(t).defaultIDs()

	const callers = 16
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			l, err := c.Catalog(ctxTimeout(t), nil)
			if err == nil && !slices.Equal(catalogIDs(l), want) {
				err = errors.New("ids " + strings.Join(catalogIDs(l), ","))
			}
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(srv.requests(t)); n != 1 {
		t.Fatalf("%d concurrent identical calls made %d requests, want 1", callers, n)
	}
	// The flight is over: the next call (TTL 0) sends its own request.
	fetchCatalog(t, c, nil)
	if n := len(srv.requests(t)); n != 2 {
		t.Fatalf("%d requests after the flight, want 2", n)
	}
}

// Past its TTL, a listing is served at once, marked stale, while one
// background request refreshes it.
func TestStaleWhileRevalidate(t *testing.T) {
	srv := freshServer(t)
	const ttl = 100 * time.Millisecond
	c := newTestClient(t, WithCacheTTL(ttl), WithStaleWhileRevalidate())
	fetchCatalog(t, c, nil)
	time.Sleep(ttl + 50*time.Millisecond)
	srv.addFaults(t, fault{"action": "respond", "pass_through": true, "delay_ms": 500, "times": 1, "path_prefix": "/v1/models"})

	stale := fetchCatalog(t, c, nil)
	if !stale.Stale() || !stale.FromCache() || stale.Age() < ttl {
		t.Fatalf("after the TTL: stale %v, from cache %v, age %v", stale.Stale(), stale.FromCache(), stale.Age())
	}
	deadline := time.Now().Add(20 * time.Second)
	for fetchCatalog(t, c, nil).Stale() {
		if time.Now().After(deadline) {
			t.Fatal("the background refresh never landed")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(srv.requests(t)); n != 2 {
		t.Fatalf("%d requests, want 2 (the first fetch and one refresh)", n)
	}
}
