package anthropicmodels

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHundredGoroutinesShareOneClient(t *testing.T) {
	c := newTestClient(t)
	catalog := readCatalog(t)
	want := catalog.defaultIDs()
	aliases := make([]string, 0, len(catalog.Aliases))
	for a := range catalog.Aliases {
		aliases = append(aliases, a)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := 0; g < 100; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			alias := aliases[g%len(aliases)]
			for i := 0; i < 5; i++ {
				m, err := c.Get(ctxTimeout(t), alias)
				if err != nil || m.ID != catalog.Aliases[alias] {
					errs <- errors.Join(err, errors.New("get "+alias))
					return
				}
				page, err := c.List(ctxTimeout(t), &ListParams{Limit: 1 + g%7})
				if err != nil || !slices.Equal(modelIDs(page.Models), want[:1+g%7]) {
					errs <- errors.Join(err, errors.New("list"))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// osThreads reads this process's thread count from /proc/self/status.
func osThreads(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Threads:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no Threads line in /proc/self/status")
	return 0
}

// A thousand calls in flight cost goroutines, not OS threads: each waits in
// Go while the client's one worker thread drives every transfer.
func TestThousandCallsInFlightDoNotTakeAThreadEach(t *testing.T) {
	const calls = 1000
	// A server of its own that never answers, so the shared one stays free.
	srv, err := startMock(testEnv.mockBin, "--catalog", testEnv.catalog)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.stop)
	c := newClientFor(t, srv)
	if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil { // worker and callback thread warm
		t.Fatal(err)
	}
	hang(t, srv, "/v1/models/")
	before := osThreads(t)
	inC := live.requests.Load()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var returned atomic.Int32
	errs := make(chan error, calls)
	for i := 0; i < calls; i++ {
		go func() {
			_, err := c.Get(ctx, "claude-opus-4-6")
			returned.Add(1)
			errs <- err
		}()
	}
	// Every call submitted to the C library and waiting for its answer.
	deadline := time.Now().Add(20 * time.Second)
	for live.requests.Load()-inC < calls {
		if time.Now().After(deadline) || returned.Load() != 0 {
			t.Fatalf("%d of %d calls in flight, %d returned", live.requests.Load()-inC, calls, returned.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // let the worker start their transfers
	during := osThreads(t)
	if n := returned.Load(); n != 0 {
		t.Fatalf("%d calls returned before the count: not all in flight", n)
	}
	t.Logf("OS threads: %d before, %d with %d calls in flight", before, during, calls)
	if during-before > 50 {
		t.Errorf("%d calls in flight added %d OS threads", calls, during-before)
	}

	start := time.Now()
	cancel()
	for i := 0; i < calls; i++ {
		if err := <-errs; !errors.Is(err, context.Canceled) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	t.Logf("all %d returned %v after cancel", calls, time.Since(start))
}
