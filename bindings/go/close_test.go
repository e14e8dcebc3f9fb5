package anthropicmodels

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"
)

func TestCloseIsIdempotentAndLaterCallsFail(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	// Concurrent Closes: each returns once the client is freed.
	c2 := newTestClient(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c2.Close()
			if n := live.clients.Load(); n != 0 { // c2 is the only client left
				t.Errorf("Close returned with %d clients not yet freed", n)
			}
		}()
	}
	wg.Wait()
	_, err := c.Get(ctxTimeout(t), "claude-opus-4-6")
	if !errors.Is(err, ErrClosed) || !errors.Is(err, ErrCancelled) {
		t.Errorf("Get after Close: %v", err)
	}
	if _, err := c.ListAll(ctxTimeout(t), nil); !errors.Is(err, ErrClosed) {
		t.Errorf("ListAll after Close: %v", err)
	}
	if n := len(srv.requests(t)); n != 0 {
		t.Errorf("%d requests after Close", n)
	}
}

func TestCloseWithCallsInFlight(t *testing.T) {
	srv := freshServer(t)
	hang(t, srv, "/v1/models")
	c := newTestClient(t)
	goroutines := runtime.NumGoroutine()
	const calls = 50
	errs := make(chan error, calls)
	for i := 0; i < calls; i++ {
		go func() {
			var err error
			switch i % 3 {
			case 0:
				_, err = c.Get(ctxTimeout(t), "claude-opus-4-6")
			case 1:
				_, err = c.List(ctxTimeout(t), nil)
			default:
				_, err = c.ListAll(ctxTimeout(t), nil)
			}
			errs <- err
		}()
	}
	waitRequests(t, srv, calls)
	start := time.Now()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < calls; i++ {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrClosed) || !errors.Is(err, ErrCancelled) {
				t.Errorf("call %d: %v", i, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%d calls still blocked 5 s after Close", calls-i)
		}
	}
	t.Logf("Close and %d cancellations took %v", calls, time.Since(start))
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Error(err)
	}
	waitGoroutines(t, goroutines)
}

// Calls, cancellations and Close racing from many goroutines: every call
// ends with its model, its context's error or ErrClosed, never a crash, a
// hang or a leak (run with -race). Cancelling and freeing a request while
// am_client_free runs on another thread is allowed by the C contract.
func TestCloseRacingCallsAndCancellations(t *testing.T) {
	for round := 0; round < 20; round++ {
		c := newTestClient(t)
		var wg sync.WaitGroup
		for g := 0; g < 20; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rand.IntN(2000))*time.Microsecond)
					if g%2 == 0 {
						ctx, cancel = context.WithTimeout(context.Background(), 30*time.Second)
					}
					m, err := c.Get(ctx, "claude-opus-4-6")
					cancel()
					switch {
					case errors.Is(err, ErrClosed):
						return
					case errors.Is(err, context.DeadlineExceeded):
					case err != nil || m.ID != "claude-opus-4-6":
						t.Errorf("%v %v", m, err)
						return
					}
				}
			}()
		}
		time.Sleep(time.Duration(round) * time.Millisecond)
		c.Close()
		wg.Wait()
	}
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Error(err)
	}
}

// A client nobody closed is closed by its finalizer once unreachable.
func TestFinalizerClosesAForgottenClient(t *testing.T) {
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	func() {
		c, err := NewClient(WithBaseURL(mock.URL), WithAPIKey(testKey), WithIgnoreEnv())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil {
			t.Fatal(err)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for live.clients.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the forgotten client was not finalized")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// waitGoroutines waits until no more than n goroutines are left.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left, want at most %d:\n%s", runtime.NumGoroutine(), n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
