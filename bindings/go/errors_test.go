package anthropicmodels

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// sentinels maps each status to its exported sentinel.
var sentinels = map[Status]error{
	StatusInvalidArgument: ErrInvalidArgument, StatusBadRequest: ErrBadRequest,
	StatusAuthentication: ErrAuthentication, StatusPermission: ErrPermission, StatusNotFound: ErrNotFound,
	StatusConflict: ErrConflict, StatusRequestTooLarge: ErrRequestTooLarge, StatusRateLimited: ErrRateLimited,
	StatusOverloaded: ErrOverloaded, StatusServer: ErrServer, StatusHTTP: ErrHTTP, StatusTimeout: ErrTimeout,
	StatusConnection: ErrConnection, StatusTLS: ErrTLS, StatusDecode: ErrDecode,
	StatusResponseTooLarge: ErrResponseTooLarge, StatusCancelled: ErrCancelled,
	StatusOutOfMemory: ErrOutOfMemory, StatusInternal: ErrInternal, StatusPagination: ErrPagination,
	StatusNotCached: ErrNotCached,
}

// checkClass asserts that err is an *Error of status, matched by its own
// sentinel and by no other, and carries no secret.
func checkClass(t *testing.T, err error, status Status) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want a %v *Error, got %T %v", status, err, err)
	}
	if e.Status != status || e.Message == "" {
		t.Fatalf("want %v, got %v (%v)", status, e.Status, err)
	}
	for s, sentinel := range sentinels {
		if errors.Is(err, sentinel) != (s == status) {
			t.Errorf("errors.Is(%v, %v) = %v", err, sentinel, !(s == status))
		}
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("the error shows the API key: %v", err)
	}
	return e
}

func TestEverySentinelMatchesOnlyItsStatus(t *testing.T) {
	if len(sentinels) != len(statusNames)-1 {
		t.Fatalf("%d sentinels for %d statuses", len(sentinels), len(statusNames)-1)
	}
	for s := range sentinels {
		checkClass(t, &Error{Status: s, Message: "m"}, s)
	}
	if errors.Is(&Error{Status: Status(99), Message: "m"}, ErrInternal) {
		t.Error("an unknown status matched a sentinel")
	}
}

// Each class of failure the server or the network can cause, over real HTTP.
func TestEveryErrorClassOverHTTP(t *testing.T) {
	const id = "claude-opus-4-6"
	respond := func(status int) fault {
		return fault{"action": "respond", "status": status, "path_prefix": "/v1/models/" + id}
	}
	cases := []struct {
		name       string
		fault      fault
		opts       []Option
		status     Status
		httpStatus int // checked when not 0 (the library gives none for a failed transfer)
	}{
		{"401", respond(401), nil, StatusAuthentication, 401},
		{"403", respond(403), nil, StatusPermission, 403},
		{"409", respond(409), nil, StatusConflict, 409},
		{"413", respond(413), nil, StatusRequestTooLarge, 413},
		{"429", respond(429), nil, StatusRateLimited, 429},
		{"529", respond(529), nil, StatusOverloaded, 529},
		{"500", respond(500), nil, StatusServer, 500},
		{"503", respond(503), nil, StatusServer, 503},
		{"418", respond(418), nil, StatusHTTP, 418},
		{"422", respond(422), nil, StatusBadRequest, 422},
		{"redirect", fault{"action": "redirect", "path_prefix": "/v1/models/" + id}, nil, StatusHTTP, 302},
		{"timeout", fault{"action": "never_answer", "path_prefix": "/v1/models/" + id},
			[]Option{WithTimeout(200 * time.Millisecond)}, StatusTimeout, 0},
		{"reset", fault{"action": "reset_before_headers", "path_prefix": "/v1/models/" + id}, nil, StatusConnection, 0},
		{"truncated", fault{"action": "truncate", "path_prefix": "/v1/models/" + id}, nil, StatusConnection, 0},
		{"malformed", fault{"action": "malformed", "path_prefix": "/v1/models/" + id}, nil, StatusDecode, 200},
		{"oversize", fault{"action": "oversize", "size": 100000, "path_prefix": "/v1/models/" + id},
			[]Option{WithMaxResponseBytes(4096)}, StatusResponseTooLarge, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := freshServer(t)
			srv.addFaults(t, tc.fault)
			c := newTestClient(t, append([]Option{WithMaxRetries(0)}, tc.opts...)...)
			m, err := c.Get(ctxTimeout(t), id)
			if m != nil {
				t.Fatalf("a model with an error: %+v", m)
			}
			e := checkClass(t, err, tc.status)
			if tc.httpStatus != 0 && e.HTTPStatus != tc.httpStatus {
				t.Errorf("HTTPStatus %d, want %d (%v)", e.HTTPStatus, tc.httpStatus, err)
			}
			if e.Attempts != 1 {
				t.Errorf("Attempts %d, want 1", e.Attempts)
			}
			if tc.httpStatus >= 400 && (e.RequestID == "" || e.Type == "") {
				t.Errorf("an API error without request-id or type: %+v", e)
			}
		})
	}
}

func TestNotFoundAndBadRequestFromTheServer(t *testing.T) {
	c := newTestClient(t)
	_, err := c.Get(ctxTimeout(t), "no-such-model")
	e := checkClass(t, err, StatusNotFound)
	if e.HTTPStatus != 404 || e.Type != "not_found_error" || !strings.Contains(e.Message, "no-such-model") ||
		!strings.HasPrefix(e.RequestID, "req_") || !strings.Contains(err.Error(), e.RequestID) {
		t.Errorf("%+v", e)
	}
	_, err = c.List(ctxTimeout(t), &ListParams{Lifecycle: []string{"bogus"}}) // passed on; the server refuses it
	if e := checkClass(t, err, StatusBadRequest); e.HTTPStatus != 400 || e.Type != "invalid_request_error" {
		t.Errorf("%+v", e)
	}
}

func TestErrorsFoundBeforeSending(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	for _, id := range []string{"", "a\x00b"} {
		_, err := c.Get(ctxTimeout(t), id)
		if e := checkClass(t, err, StatusInvalidArgument); e.Attempts != 0 {
			t.Errorf("%q: %+v", id, e)
		}
	}
	//lint:ignore SA1012 a nil context is the input under test
	if _, err := c.Get(nil, "claude-opus-4-6"); !errors.Is(err, ErrInvalidArgument) { //nolint:staticcheck
		t.Errorf("nil ctx: %v", err)
	}
	// No credential at all: refused without a request.
	anon, err := NewClient(WithIgnoreEnv(), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer anon.Close()
	_, err = anon.Get(ctxTimeout(t), "claude-opus-4-6")
	if e := checkClass(t, err, StatusAuthentication); e.HTTPStatus != 0 || e.Attempts != 0 {
		t.Errorf("%+v", e)
	}
	if n := len(srv.requests(t)); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestTLSFailure(t *testing.T) {
	// TLS to a plain-HTTP server fails the handshake.
	https := "https://" + strings.TrimPrefix(mock.URL, "http://")
	c, err := NewClient(WithBaseURL(https), WithAPIKey(testKey), WithIgnoreEnv(), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Get(ctxTimeout(t), "claude-opus-4-6")
	checkClass(t, err, StatusTLS)
}

func TestContextErrorsMatchBothWays(t *testing.T) {
	e := contextError(context.Canceled)
	if !errors.Is(e, context.Canceled) || !errors.Is(e, ErrCancelled) || errors.Is(e, ErrTimeout) {
		t.Errorf("cancelled: %v", e)
	}
	e = contextError(context.DeadlineExceeded)
	if !errors.Is(e, context.DeadlineExceeded) || !errors.Is(e, ErrTimeout) || errors.Is(e, ErrCancelled) {
		t.Errorf("deadline: %v", e)
	}
	e = closedError()
	if !errors.Is(e, ErrClosed) || !errors.Is(e, ErrCancelled) || errors.Is(e, context.Canceled) {
		t.Errorf("closed: %v", e)
	}
}
