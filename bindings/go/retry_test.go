package anthropicmodels

import (
	"testing"
	"time"
)

func TestRetriesAreCountedByTheServer(t *testing.T) {
	const path = "/v1/models/claude-opus-4-6"
	t.Run("recovers", func(t *testing.T) {
		srv := freshServer(t)
		srv.addFaults(t, fault{"action": "respond", "status": 529, "path_prefix": path, "times": 2,
			"headers": map[string]string{"retry-after-ms": "10"}})
		m, err := newTestClient(t).Get(ctxTimeout(t), "claude-opus-4-6")
		if err != nil || m.ID != "claude-opus-4-6" {
			t.Fatalf("%v %v", m, err)
		}
		if n := len(srv.requests(t)); n != 3 {
			t.Errorf("server saw %d requests, want 3 (two 529s, then the model)", n)
		}
	})
	t.Run("gives up", func(t *testing.T) {
		srv := freshServer(t)
		srv.addFaults(t, fault{"action": "respond", "status": 503, "path_prefix": path, "times": 5,
			"headers": map[string]string{"retry-after-ms": "10"}})
		_, err := newTestClient(t, WithMaxRetries(1)).Get(ctxTimeout(t), "claude-opus-4-6")
		if e := checkClass(t, err, StatusServer); e.Attempts != 2 {
			t.Errorf("Attempts %d, want 2", e.Attempts)
		}
		if n := len(srv.requests(t)); n != 2 {
			t.Errorf("server saw %d requests, want 2", n)
		}
	})
}

// A retry-after above the cap is not slept on: the error hands it to the caller.
func TestRetryAfterAboveTheCapIsHandedOver(t *testing.T) {
	srv := freshServer(t)
	srv.addFaults(t, fault{"action": "respond", "status": 429, "path_prefix": "/v1/models/claude-opus-4-6",
		"headers": map[string]string{"retry-after": "30"}})
	c := newTestClient(t, WithRetryAfterCap(time.Second))
	start := time.Now()
	_, err := c.Get(ctxTimeout(t), "claude-opus-4-6")
	e := checkClass(t, err, StatusRateLimited)
	if e.RetryAfter != 30*time.Second || e.Attempts != 1 || e.HTTPStatus != 429 {
		t.Errorf("RetryAfter %v Attempts %d HTTP %d, want 30s 1 429", e.RetryAfter, e.Attempts, e.HTTPStatus)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v: the delay was slept on", d)
	}
	if n := len(srv.requests(t)); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}
