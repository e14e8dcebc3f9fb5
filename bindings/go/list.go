package anthropicmodels

// ModelList: a full listing that keeps the C library's list, so that the
// selection helpers (selection.go) run in C over it. Its models are the same
// plain Go values ListAll gives; only the list handle is C memory, released
// by the garbage collector (a finalizer) once the ModelList is unreachable:
// a list is immutable memory, not a resource worth a Close.

// #include "bridge.h"
import "C"

import (
	"runtime"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// ModelList is a listing of models, newest first unless sorted: what
// Client.Catalog fetched, or a selection of another ModelList. It says
// whether the client's cache answered and how old the data is, and selects,
// sorts and looks up models without sending a request. It is immutable and
// safe for use by many goroutines at once, and stays valid after the client
// is closed.
//
// Lists derived from one another share their *Model values (treat them as
// read-only): a model found in a selection is the same pointer as in the
// list it was selected from.
type ModelList struct {
	c         *C.am_model_list // owned; freed by the finalizer
	models    []*Model         // index-aligned with c
	fromCache bool
	stale     bool
	age       time.Duration

	// byKey finds the Go model of a C model of this list or of a list
	// sharing its models (amgo_list_keys); built on first use.
	byKeyOnce sync.Once
	byKey     map[uintptr]*Model
}

// newModelList wraps a C list the caller owns (and counted), taking it over.
// Its models are parent's where the two lists share them (a selection of
// parent), else copied out of C.
func newModelList(list *C.am_model_list, parent *ModelList) (*ModelList, error) {
	info := C.amgo_read_list_info(list)
	models, err := listModels(list, int(info.count), parent)
	if err != nil {
		freeList(list)
		return nil, err
	}
	l := &ModelList{
		c:         list,
		models:    models,
		fromCache: info.from_cache != 0,
		stale:     info.stale != 0,
		age:       time.Duration(info.age_ms) * time.Millisecond,
	}
	runtime.SetFinalizer(l, (*ModelList).release)
	return l, nil
}

// listModels gives the Go models of a C list of count models: parent's
// values for the models the lists share, or, should any not be shared, a
// copy of them all.
func listModels(list *C.am_model_list, count int, parent *ModelList) ([]*Model, error) {
	if parent != nil {
		if models, ok := parent.shared(list, count); ok {
			return models, nil
		}
	}
	page, err := pageFromC(list)
	if err != nil {
		return nil, err
	}
	return page.Models, nil
}

// shared gives the models of list, which must share every one of them with
// l; false when one is not l's.
func (l *ModelList) shared(list *C.am_model_list, count int) ([]*Model, bool) {
	index := l.index()
	models := make([]*Model, count)
	for i, k := range listKeys(list, count) {
		m, ok := index[k]
		if !ok {
			return nil, false
		}
		models[i] = m
	}
	return models, true
}

// index maps the identity of each C model of l to its Go model. A key of 0
// (no id) is left out, so such a model is never taken for another.
func (l *ModelList) index() map[uintptr]*Model {
	l.byKeyOnce.Do(func() {
		keys := listKeys(l.c, len(l.models))
		runtime.KeepAlive(l)
		l.byKey = make(map[uintptr]*Model, len(keys))
		for i, k := range keys {
			if k != 0 {
				l.byKey[k] = l.models[i]
			}
		}
	})
	return l.byKey
}

// listKeys gives the identities of a C list's first count models.
func listKeys(list *C.am_model_list, count int) []uintptr {
	keys := make([]uintptr, count)
	if count > 0 {
		C.amgo_list_keys(list, (*C.uintptr_t)(unsafe.Pointer(&keys[0])), C.size_t(count))
	}
	return keys
}

// release frees the C list; the finalizer runs it once l is unreachable.
func (l *ModelList) release() { freeList(l.c) }

// Len gives the number of models.
func (l *ModelList) Len() int { return len(l.models) }

// At gives the i-th model; it panics when i is out of range, like a slice.
func (l *ModelList) At(i int) *Model { return l.models[i] }

// Models gives the models in list order, in a new slice the caller may
// change (the models themselves are shared).
func (l *ModelList) Models() []*Model { return slices.Clone(l.models) }

// FromCache reports whether the client's cache (memory or disk) answered,
// rather than a request made for this call. A selection inherits it.
func (l *ModelList) FromCache() bool { return l.fromCache }

// Stale reports whether the cached answer is past its TTL: served because a
// refresh failed, while revalidating (WithStaleWhileRevalidate), or offline.
// A selection inherits it.
func (l *ModelList) Stale() bool { return l.stale }

// Age is how long ago the server sent the data, as it was when the call was
// answered: 0 for an answer fetched for this call. A selection inherits it.
func (l *ModelList) Age() time.Duration { return l.age }
