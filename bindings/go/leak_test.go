package anthropicmodels

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"testing"
	"time"
)

// Every handle the representative calls take from the C library (requests,
// results, options, parameters, cgo.Handles, the client) is released, also
// for failures, cancellations and calls cut short by Close.
func TestNoHandleOutlivesItsCall(t *testing.T) {
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatalf("before: %v", err)
	}
	goroutines := runtime.NumGoroutine()
	srv := freshServer(t)
	hang(t, srv, "/v1/models/claude-3-opus")
	c, err := NewClient(WithBaseURL(srv.URL), WithAPIKey(testKey), WithIgnoreEnv(), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxTimeout(t)
	if _, err := c.Get(ctx, "claude-sonnet-4-5"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.List(ctx, &ListParams{Limit: 3, Lifecycle: []string{"active"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListAll(ctx, &ListParams{Limit: 4}); err != nil {
		t.Fatal(err)
	}
	for range c.Models(ctx, &ListParams{Limit: 2}) {
		break
	}
	if _, err := c.Get(ctx, "no-such-model"); err == nil { // an error result
		t.Fatal("no error")
	}
	if _, err := c.List(ctx, &ListParams{Limit: 5000}); err == nil { // refused before submission
		t.Fatal("no error")
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond) // cancelled in flight
	_, _ = c.Get(short, "claude-3-opus-latest")
	cancel()
	inFlight := make(chan error)
	go func() { _, err := c.Get(ctx, "claude-3-opus-20240229"); inFlight <- err }() // cut short by Close
	waitRequests(t, srv, 10)                                                        // 1 + 1 + 4 pages + 1 + 1 + 1 + 1
	c.Close()
	<-inFlight
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	waitGoroutines(t, goroutines)
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
