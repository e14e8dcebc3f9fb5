package anthropicmodels

// The selection helpers of ModelList: each runs the C library's selection
// over the list's C handle (one implementation for every language), sends no
// request, and maps the C models it gives back to the list's Go models.

/*
#include <stdlib.h>
#include "bridge.h"
*/
import "C"

import (
	"runtime"
	"strings"
	"time"
	"unsafe"
)

// selectFunc runs one C selection over a list into out.
type selectFunc func(out **C.am_model_list, cerr **C.am_error) C.am_status

// derive runs a C selection over l and wraps its result, which shares l's models.
func (l *ModelList) derive(sel selectFunc) (*ModelList, error) {
	var out *C.am_model_list
	var cerr *C.am_error
	status := sel(&out, &cerr)
	runtime.KeepAlive(l) // l.c must outlive the C call that reads it
	if status != C.AM_OK {
		return nil, errorFromC(status, cerr)
	}
	live.lists.Add(1)
	return newModelList(out, l)
}

// SelectSupported keeps the models that support every given capability path
// ("image_input", "thinking.types.adaptive"; paths newer than this release
// work too): a path counts only when the server said Yes, so Unknown never
// counts and models listed without capabilities are dropped. No path keeps
// every model. An empty or malformed path ("a..b", ".a", spaces, commas) is
// ErrInvalidArgument.
func (l *ModelList) SelectSupported(paths ...string) (*ModelList, error) {
	cpaths := make([]*C.char, len(paths)) // Go memory holding C pointers only
	defer func() {
		for _, p := range cpaths {
			C.free(unsafe.Pointer(p))
		}
	}()
	for i, p := range paths {
		cp, err := cString("capability path", p)
		if err != nil {
			return nil, err
		}
		cpaths[i] = cp
	}
	var first **C.char
	if len(cpaths) > 0 {
		first = &cpaths[0]
	}
	return l.derive(func(out **C.am_model_list, cerr **C.am_error) C.am_status {
		return C.am_model_list_select_supported(l.c, first, C.size_t(len(cpaths)), out, cerr)
	})
}

// SelectLifecycle keeps the models in one lifecycle stage ("active",
// "deprecated", "retired", or a newer one).
func (l *ModelList) SelectLifecycle(stage string) (*ModelList, error) {
	return l.deriveWith("lifecycle stage", stage, func(cs *C.char, out **C.am_model_list, cerr **C.am_error) C.am_status {
		return C.am_model_list_select_lifecycle(l.c, cs, out, cerr)
	})
}

// SelectLine keeps the models of one line ("opus", "sonnet", "haiku", ...).
func (l *ModelList) SelectLine(line string) (*ModelList, error) {
	return l.deriveWith("line", line, func(cs *C.char, out **C.am_model_list, cerr **C.am_error) C.am_status {
		return C.am_model_list_select_line(l.c, cs, out, cerr)
	})
}

// deriveWith runs a C selection that takes one string.
func (l *ModelList) deriveWith(what, s string, sel func(*C.char, **C.am_model_list, **C.am_error) C.am_status) (*ModelList, error) {
	cs, err := cString(what, s)
	if err != nil {
		return nil, err
	}
	defer C.free(unsafe.Pointer(cs))
	return l.derive(func(out **C.am_model_list, cerr **C.am_error) C.am_status { return sel(cs, out, cerr) })
}

// SelectRetiringBefore keeps the models with a known retirement date
// (Model.RetiresAt) strictly before t: the deprecation watch the API's guide
// asks for. Models without a retirement date are dropped.
func (l *ModelList) SelectRetiringBefore(t time.Time) (*ModelList, error) {
	// Retirement dates are whole seconds, so "before t" is "before t rounded up".
	secs := t.Unix()
	if t.Nanosecond() != 0 {
		secs++
	}
	return l.derive(func(out **C.am_model_list, cerr **C.am_error) C.am_status {
		return C.am_model_list_select_retiring_before(l.c, C.int64_t(secs), out, cerr)
	})
}

// SortByCreated orders the models by Model.CreatedAt, newest or oldest
// first; the order is stable, and models without a date come last either way.
func (l *ModelList) SortByCreated(newestFirst bool) (*ModelList, error) {
	var newest C.int32_t
	if newestFirst {
		newest = 1
	}
	return l.derive(func(out **C.am_model_list, cerr **C.am_error) C.am_status {
		return C.am_model_list_sort_by_created(l.c, newest, out, cerr)
	})
}

// Find gives the model whose id is idOrPrefix, else the newest model whose
// id starts with idOrPrefix followed by '-' (an alias-like prefix:
// "claude-sonnet-4-5" finds "claude-sonnet-4-5-20250929", never
// "claude-sonnet-4-50"); nil when none matches. The model is the list's own
// *Model, valid for as long as the caller holds it.
func (l *ModelList) Find(idOrPrefix string) *Model {
	if idOrPrefix == "" || strings.IndexByte(idOrPrefix, 0) >= 0 {
		return nil // no id is empty or holds a NUL byte
	}
	cs := C.CString(idOrPrefix)
	defer C.free(unsafe.Pointer(cs))
	m := l.modelOf(C.am_model_list_find(l.c, cs))
	runtime.KeepAlive(l) // the borrowed C model lives as long as l.c
	return m
}

// Newest gives the newest model (latest CreatedAt; ties keep list order) of
// a line ("opus", "sonnet", "haiku", ...), or of any line when line is "";
// nil when none matches. The model is the list's own *Model.
func (l *ModelList) Newest(line string) *Model {
	if strings.IndexByte(line, 0) >= 0 {
		return nil // no line holds a NUL byte
	}
	var cs *C.char // NULL: any line
	if line != "" {
		cs = C.CString(line)
		defer C.free(unsafe.Pointer(cs))
	}
	m := l.modelOf(C.am_model_list_newest(l.c, cs))
	runtime.KeepAlive(l)
	return m
}

// modelOf gives the Go model of a C model borrowed from l (nil for NULL).
func (l *ModelList) modelOf(m *C.am_model) *Model {
	if m == nil {
		return nil
	}
	if model, ok := l.index()[uintptr(C.amgo_model_key(m))]; ok {
		return model
	}
	// Not one of l's models as far as its identity tells: a copy is still right.
	model, err := modelFromC(m)
	if err != nil {
		return nil
	}
	return model
}
