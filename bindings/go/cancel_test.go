package anthropicmodels

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// The bound for a cancelled call to return.
const cancelBound = 50 * time.Millisecond

// hang makes the server hold requests for path until they are given up.
func hang(t *testing.T, srv *mockServer, path string) {
	srv.addFaults(t, fault{"action": "never_answer", "path_prefix": path, "times": -1})
}

// waitRequests waits until the server has received n requests.
func waitRequests(t *testing.T, srv *mockServer, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(srv.requests(t)) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the server received %d requests, want %d", len(srv.requests(t)), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCancellationReturnsPromptly(t *testing.T) {
	srv := freshServer(t)
	hang(t, srv, "/v1/models")
	c := newTestClient(t)

	calls := map[string]func(ctx context.Context) error{
		"Get":     func(ctx context.Context) error { _, err := c.Get(ctx, "claude-opus-4-6"); return err },
		"List":    func(ctx context.Context) error { _, err := c.List(ctx, nil); return err },
		"ListAll": func(ctx context.Context) error { _, err := c.ListAll(ctx, nil); return err },
		"Models": func(ctx context.Context) error {
			for _, err := range c.Models(ctx, nil) {
				return err
			}
			return nil
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			srv.clearLog(t)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- call(ctx) }()
			waitRequests(t, srv, 1) // in flight, on the wire
			cancelled := time.Now()
			cancel()
			select {
			case err := <-done:
				if d := time.Since(cancelled); d > cancelBound {
					t.Errorf("returned %v after cancel, bound %v", d, cancelBound)
				}
				if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrCancelled) {
					t.Errorf("error %v does not match context.Canceled and ErrCancelled", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the call did not return after cancel")
			}
		})
	}
	// The client still works.
	srv.control(t, "DELETE", "/_mock/faults", nil)
	if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil {
		t.Fatal(err)
	}
}

func TestDeadlineReturnsPromptly(t *testing.T) {
	srv := freshServer(t)
	hang(t, srv, "/v1/models/")
	c := newTestClient(t)
	const timeout = 100 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, "claude-opus-4-6")
	if d := time.Since(start); d > timeout+cancelBound {
		t.Errorf("returned after %v, deadline %v + bound %v", d, timeout, cancelBound)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTimeout) {
		t.Errorf("error %v does not match context.DeadlineExceeded and ErrTimeout", err)
	}
}

func TestAContextAlreadyDoneSendsNothing(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Get(ctx, "claude-opus-4-6"); !errors.Is(err, context.Canceled) {
		t.Errorf("Get: %v", err)
	}
	if _, err := c.List(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("List: %v", err)
	}
	if _, err := c.ListAll(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("ListAll: %v", err)
	}
	for m, err := range c.Models(ctx, nil) {
		if m != nil || !errors.Is(err, context.Canceled) {
			t.Errorf("Models: %v %v", m, err)
		}
	}
	if n := len(srv.requests(t)); n != 0 {
		t.Errorf("%d requests sent with a done context", n)
	}
}

func TestCancellingOneCallLeavesTheOthers(t *testing.T) {
	srv := freshServer(t)
	// Both calls are held 300 ms by the server, then answered normally.
	srv.addFaults(t, fault{"action": "respond", "pass_through": true, "delay_ms": 300, "times": 2,
		"path_prefix": "/v1/models/"})
	c := newTestClient(t)
	ctxA, cancelA := context.WithCancel(context.Background())
	defer cancelA()
	errA := make(chan error, 1)
	type result struct {
		m   *Model
		err error
	}
	resB := make(chan result, 1)
	go func() { _, err := c.Get(ctxA, "claude-opus-4-6"); errA <- err }()
	go func() { m, err := c.Get(ctxTimeout(t), "claude-haiku-4-5"); resB <- result{m, err} }()
	waitRequests(t, srv, 2)
	cancelA()
	if err := <-errA; !errors.Is(err, context.Canceled) {
		t.Fatalf("A: %v", err)
	}
	if r := <-resB; r.err != nil || r.m.ID != "claude-haiku-4-5-20251001" {
		t.Fatalf("B: %v %v", r.m, r.err)
	}
}

// Contexts that end at random moments around completion: whichever wins,
// the call returns its model or the context's error, and nothing leaks or
// reaches a freed handle (run with -race).
func TestCancellationRacingCompletion(t *testing.T) {
	c := newTestClient(t)
	outcomes := map[bool]int{}
	for i := 0; i < 300; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rand.IntN(3000))*time.Microsecond)
		m, err := c.Get(ctx, "claude-opus-4-6")
		cancel()
		switch {
		case err == nil && m.ID == "claude-opus-4-6":
			outcomes[true]++
		case errors.Is(err, context.DeadlineExceeded):
			outcomes[false]++
		default:
			t.Fatalf("iteration %d: %v %v", i, m, err)
		}
	}
	t.Logf("completed %d, cancelled %d", outcomes[true], outcomes[false])
	c.Close()
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatal(err)
	}
}
