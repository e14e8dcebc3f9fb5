package anthropicmodels

// #include "bridge.h"
import "C"

import (
	"runtime"
	"sync"
)

// Client is a connection to the Models API: the C library's client, with one
// worker thread that drives every call in flight over kept-alive
// connections. It is safe for use by many goroutines at once. Close it when
// done; a finalizer closes a forgotten one, but only as a safety net.
type Client struct {
	// mu is held for reading while a call is submitted to the C client and
	// for writing by Close, which must not free the client during a submission.
	mu  sync.RWMutex
	ptr *C.am_client // nil once closed

	// closeMu makes a second Close wait until the first has freed the client.
	closeMu sync.Mutex
}

// NewClient creates a client. Without options it is configured like the C
// library: credentials and base URL from ANTHROPIC_API_KEY,
// ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL, then built-in defaults. It
// fails with ErrABIMismatch when the loaded C library has another ABI than
// this binding was written for, and with ErrInvalidArgument for a bad option.
func NewClient(opts ...Option) (*Client, error) {
	if err := checkABI(int32(C.am_abi_version())); err != nil {
		return nil, err
	}
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	copts, err := cfg.newCOptions()
	if err != nil {
		return nil, err
	}
	defer freeOptions(copts) // the client keeps a copy

	var ptr *C.am_client
	var cerr *C.am_error
	if status := C.am_client_new(copts, &ptr, &cerr); status != C.AM_OK {
		return nil, errorFromC(status, cerr)
	}
	live.clients.Add(1)
	c := &Client{ptr: ptr}
	if cfg.logger != nil {
		if err := setLogger(ptr, cfg.logger); err != nil {
			c.Close()
			return nil, err
		}
	}
	runtime.SetFinalizer(c, (*Client).Close)
	return c, nil
}

// Close cancels the calls in flight (they return an error that wraps
// ErrClosed, with StatusCancelled), stops the worker thread and frees the C
// client. It is idempotent and safe to call while other goroutines are
// calling; calls made afterwards fail with ErrClosed at once. Models and
// errors already returned stay valid. Do not call it from a log handler.
func (c *Client) Close() error {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	c.mu.Lock()
	ptr := c.ptr
	c.ptr = nil
	c.mu.Unlock()
	if ptr == nil {
		return nil
	}
	runtime.SetFinalizer(c, nil)
	// No submission can be in progress (they hold the read lock and see nil
	// from now on). Freeing runs the release callbacks of the calls in
	// flight, which wakes their goroutines.
	C.am_client_free(ptr)
	live.clients.Add(-1)
	return nil
}

// InvalidateCache forgets every answer the client's cache holds, so the next
// ListAll, Catalog and Get send a request. Listings on disk (WithCacheDir)
// stay, as the fallback of a failed refresh and for offline mode, but are no
// longer served as fresh. Safe from any goroutine; a no-op on a closed client.
func (c *Client) InvalidateCache() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ptr != nil {
		C.am_client_cache_invalidate(c.ptr)
	}
}
