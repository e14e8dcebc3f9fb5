package anthropicmodels

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a slog.Handler that keeps every record.
type recorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *recorder) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.records = append(r.records, rec.Clone())
	return nil
}
func (r *recorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *recorder) WithGroup(string) slog.Handler      { return r }

// take waits for n records (the worker logs as attempts end) and gives them.
func (r *recorder) take(t *testing.T, n int) []slog.Record {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r.mu.Lock()
		got := append([]slog.Record(nil), r.records...)
		r.mu.Unlock()
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func attrsOf(rec slog.Record) map[string]slog.Value {
	m := map[string]slog.Value{}
	rec.Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value; return true })
	return m
}

func TestLoggerGetsOneRecordPerAttemptWithoutSecrets(t *testing.T) {
	srv := freshServer(t)
	rec := &recorder{}
	c := newTestClient(t, WithLogger(slog.New(rec)), WithMaxRetries(1), WithHeader("x-trace", "go-test"))
	srv.addFaults(t,
		fault{"action": "respond", "status": 503, "path_prefix": "/v1/models/claude-opus-4-6",
			"headers": map[string]string{"retry-after-ms": "10"}},
		fault{"action": "truncate", "path_prefix": "/v1/models/claude-haiku-4-5"})
	if _, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil { // 503, retried, 200
		t.Fatal(err)
	}
	if _, err := c.Get(ctxTimeout(t), "no-such-model"); err == nil { // 404, not retried
		t.Fatal("no error for an unknown model")
	}
	_, _ = c.Get(ctxTimeout(t), "claude-haiku-4-5") // cut short, retried, 200

	records := rec.take(t, 5)
	type want struct {
		level   slog.Level
		status  int64
		errName string
		retry   bool
		attempt int64
		path    string
	}
	wants := []want{
		{slog.LevelWarn, 503, "", true, 1, "/v1/models/claude-opus-4-6"},
		{slog.LevelInfo, 200, "", false, 2, "/v1/models/claude-opus-4-6"},
		{slog.LevelError, 404, "", false, 1, "/v1/models/no-such-model"},
		{slog.LevelWarn, 0, "connection", true, 1, "/v1/models/claude-haiku-4-5"},
		{slog.LevelInfo, 200, "", false, 2, "/v1/models/claude-haiku-4-5"},
	}
	if len(records) != len(wants) {
		for _, r := range records {
			t.Log(r.Level, r.Message)
		}
		t.Fatalf("%d records, want %d", len(records), len(wants))
	}
	for i, w := range wants {
		r, a := records[i], attrsOf(records[i])
		text := r.Message
		for k, v := range a {
			text += " " + k + "=" + v.String()
		}
		if strings.Contains(text, testKey) || strings.Contains(text, testKey[len(testKey)-12:]) {
			t.Errorf("record %d shows the API key: %s", i, text)
		}
		if r.Level != w.level || a["method"].String() != "GET" || !strings.HasSuffix(a["url"].String(), w.path) ||
			a["attempt"].Int64() != w.attempt || a["elapsed"].Kind() != slog.KindDuration {
			t.Errorf("record %d: %v %s, want %+v", i, r.Level, text, w)
		}
		if w.status != 0 && a["status"].Int64() != w.status || w.errName != "" && a["error"].String() != w.errName {
			t.Errorf("record %d: outcome %s, want %+v", i, text, w)
		}
		if _, ok := a["retry_in"]; ok != w.retry {
			t.Errorf("record %d: retry_in present=%v, want %v: %s", i, ok, w.retry, text)
		}
		if _, ok := a["request_id"]; w.errName == "" && !ok {
			t.Errorf("record %d: no request_id: %s", i, text)
		}
	}
	if a := attrsOf(records[0]); a["retry_in"].Duration() != 10*time.Millisecond {
		t.Errorf("retry_in %v, want 10ms", a["retry_in"])
	}
}

// A handler that panics must not take the process down from the worker thread.
func TestPanickingLogHandlerIsContained(t *testing.T) {
	c := newTestClient(t, WithLogger(slog.New(&panicky{})))
	for i := 0; i < 3; i++ {
		if m, err := c.Get(ctxTimeout(t), "claude-opus-4-6"); err != nil || m.ID != "claude-opus-4-6" {
			t.Fatal(m, err)
		}
	}
}

type panicky struct{ recorder }

func (*panicky) Handle(context.Context, slog.Record) error { panic("handler bug") }

func TestLogLevelsAndLineAttributes(t *testing.T) {
	for level, want := range map[int32]slog.Level{logDebug: slog.LevelDebug, logInfo: slog.LevelInfo,
		logWarn: slog.LevelWarn, logError: slog.LevelError, 7: slog.LevelError} {
		if got := slogLevel(level); got != want {
			t.Errorf("slogLevel(%d) = %v, want %v", level, got, want)
		}
	}
	cases := map[string]string{
		"GET http://h/v1/models?limit=20 -> 200 in 41.2 ms (attempt 1, request-id req_1)": "method=GET url=http://h/v1/models?limit=20 status=200 elapsed=41.2ms attempt=1 request_id=req_1",
		"GET http://h/v1/models -> 529, retrying in 500 ms in 3.0 ms (attempt 2)":         "method=GET url=http://h/v1/models status=529 retry_in=500ms elapsed=3ms attempt=2",
		"GET http://h/v1/models -> timeout: no answer in 10 s in 10000.5 ms (attempt 3)":  "method=GET url=http://h/v1/models error=timeout error_message=no answer in 10 s elapsed=10.0005s attempt=3",
		"something else entirely": "",
	}
	for line, want := range cases {
		var parts []string
		for _, a := range lineAttrs(line) {
			parts = append(parts, a.Key+"="+a.Value.String())
		}
		if got := strings.Join(parts, " "); got != want {
			t.Errorf("%q:\n got %s\nwant %s", line, got, want)
		}
	}
}
