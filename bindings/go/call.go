package anthropicmodels

// How one call runs: it is submitted to the C library's asynchronous API with
// a runtime/cgo.Handle of its pending value as userdata; the library runs the
// exported callback on the client's worker thread when the request finishes,
// which takes the result and closes the pending value's channel. The calling
// goroutine waits in Go on that channel and on its context, never in C.

// #include "bridge.h"
import "C"

import (
	"context"
	"runtime"
	"runtime/cgo"
	"sync"
)

// pending is one call in flight, shared by the waiting goroutine and the
// callbacks on the worker thread.
type pending struct {
	kind C.int32_t     // AMGO_KIND_MODEL or AMGO_KIND_LIST
	done chan struct{} // closed once the outcome is known

	mu        sync.Mutex
	closed    bool          // done is closed
	ran       bool          // the callback ran and result holds its outcome
	abandoned bool          // the waiter left (its context ended): the callback frees the result
	result    C.amgo_result // owned by the waiter once done is closed
}

// finished records the outcome the callback took (on the worker thread). If
// the waiter has already left, nobody will read it: it is freed here.
func (p *pending) finished(r C.amgo_result) {
	p.mu.Lock()
	if p.abandoned {
		p.mu.Unlock()
		freeResult(r)
		return
	}
	p.result, p.ran = r, true
	p.closeLocked()
	p.mu.Unlock()
}

// released runs when the library lets go of the userdata, exactly once: after
// the callback, or instead of it when the request or the client was freed
// first. Without a callback, the waiter wakes up to "closed".
func (p *pending) released() {
	p.mu.Lock()
	p.closeLocked()
	p.mu.Unlock()
}

func (p *pending) closeLocked() {
	if !p.closed {
		p.closed = true
		close(p.done)
	}
}

// abandon marks the pending value as left by its waiter and gives the result
// the callback may have delivered in the meantime (ran reports whether it did).
func (p *pending) abandon() (r C.amgo_result, ran bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.abandoned = true
	r, ran = p.result, p.ran
	p.result, p.ran = C.amgo_result{}, false
	return r, ran
}

// submitFunc submits one asynchronous C call with handle as its userdata.
type submitFunc func(client *C.am_client, handle C.uintptr_t) C.amgo_submitted

// run submits a call and waits for its outcome or the end of ctx. On success
// the caller owns the result's model or list. A context already done sends
// nothing; one that ends while waiting cancels the C request.
func (c *Client) run(ctx context.Context, kind C.int32_t, submit submitFunc) (C.amgo_result, error) {
	if ctx == nil {
		return C.amgo_result{}, invalidArgument("ctx is nil (use context.Background())")
	}
	if err := ctx.Err(); err != nil {
		return C.amgo_result{}, contextError(err)
	}
	p := &pending{kind: kind, done: make(chan struct{})}
	handle := cgo.NewHandle(p)
	live.callbacks.Add(1)

	// The read lock keeps Close from freeing the client during the submission
	// (am_client_free must not run while another call on it is in progress).
	c.mu.RLock()
	if c.ptr == nil {
		c.mu.RUnlock()
		releaseHandle(handle)
		return C.amgo_result{}, closedError()
	}
	s := submit(c.ptr, C.uintptr_t(handle))
	c.mu.RUnlock()
	runtime.KeepAlive(c) // no finalizer may close the client while a call is in flight

	if s.status != C.AM_OK {
		// Neither callback runs for a failed submission.
		releaseHandle(handle)
		return C.amgo_result{}, errorFromC(s.status, s.err)
	}
	live.requests.Add(1)

	select {
	case <-p.done:
		freeRequest(s.req)
		runtime.KeepAlive(c)
		if !p.ran {
			return C.amgo_result{}, closedError() // am_client_free cancelled it
		}
		if p.result.status != C.AM_OK {
			return C.amgo_result{}, errorFromC(p.result.status, p.result.err)
		}
		return p.result, nil
	case <-ctx.Done():
		C.am_request_cancel(s.req)
		if r, ran := p.abandon(); ran {
			freeResult(r)
		}
		// Freeing the request guarantees its callback does not run afterwards;
		// one that raced us frees its own result (abandoned is set).
		freeRequest(s.req)
		runtime.KeepAlive(c)
		return C.amgo_result{}, contextError(ctx.Err())
	}
}

func releaseHandle(h cgo.Handle) {
	h.Delete()
	live.callbacks.Add(-1)
}

func freeRequest(req *C.am_request) {
	C.am_request_free(req)
	live.requests.Add(-1)
}

// freeResult frees whatever a taken result holds.
func freeResult(r C.amgo_result) {
	if r.model != nil {
		freeModel(r.model)
	}
	if r.list != nil {
		freeList(r.list)
	}
	if r.err != nil {
		C.am_error_free(r.err)
	}
}

func freeModel(m *C.am_model) {
	C.am_model_free(m)
	live.models.Add(-1)
}

func freeList(l *C.am_model_list) {
	C.am_model_list_free(l)
	live.lists.Add(-1)
}
