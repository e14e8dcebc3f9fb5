package anthropicmodels

// Copies C values into plain Go values. Each model costs two cgo calls (every
// scalar and string at once, then every name at once); strings the API
// repeats across models (capability paths, effort levels, lifecycles, ...)
// are shared instead of copied per model.

// #include "bridge.h"
import "C"

import (
	"strings"
	"time"
	"unsafe"
)

// errorFromC converts a C error and frees it. A nil cerr (the library could
// not allocate one) still gives an error of the status.
func errorFromC(status C.am_status, cerr *C.am_error) *Error {
	if cerr == nil {
		return &Error{Status: Status(status), Message: Status(status).String()}
	}
	defer C.am_error_free(cerr)
	var f C.amgo_error_fields
	C.amgo_read_error(cerr, &f)
	e := &Error{
		Status:     Status(f.status),
		HTTPStatus: int(f.http_status),
		Type:       copyString(f._type),
		Message:    copyString(f.message),
		RequestID:  copyString(f.request_id),
		Attempts:   int(f.attempts),
	}
	if f.retry_after_ms >= 0 {
		e.RetryAfter = time.Duration(f.retry_after_ms) * time.Millisecond
	}
	return e
}

// vocabulary holds the strings the API repeats in every model, so converting
// a model shares them instead of allocating copies. Read-only after init.
var vocabulary = func() map[string]string {
	words := []string{
		"model", "active", "deprecated", "retired", "haiku", "sonnet", "opus", "fable", "mythos",
		"low", "medium", "high", "max", "xhigh", "adaptive", "enabled", "disabled", "between_tools",
	}
	words = append(words, capabilityPaths[1:]...)
	v := make(map[string]string, len(words))
	for _, w := range words {
		v[w] = w
	}
	return v
}()

// borrow views a C string as a Go string without copying; valid only while
// the C handle lives.
func borrow(s C.amgo_str) string {
	if s.ptr == nil {
		return ""
	}
	return unsafe.String((*byte)(unsafe.Pointer(s.ptr)), int(s.len))
}

// copyString copies a C string into Go memory.
func copyString(s C.amgo_str) string { return strings.Clone(borrow(s)) }

// shared gives a vocabulary string without allocating, or else a copy.
func shared(s C.amgo_str) string {
	if w, ok := vocabulary[borrow(s)]; ok {
		return w
	}
	return copyString(s)
}

// modelReader converts models, reusing its buffers from one model to the next.
type modelReader struct {
	fields  C.amgo_model_fields
	names   []C.amgo_str
	support []C.int32_t
}

func newModelReader() *modelReader { return new(modelReader) }

// one converts a model (fetched by id).
func (r *modelReader) one(m *C.am_model) *Model {
	C.amgo_read_model(m, &r.fields)
	return r.convert(m)
}

// page converts a list into a Page.
func (r *modelReader) page(list *C.am_model_list) *Page {
	var lf C.amgo_list_fields
	C.amgo_read_list(list, &lf)
	p := &Page{
		Models:  make([]*Model, 0, int(lf.count)),
		FirstID: copyString(lf.first_id),
		LastID:  copyString(lf.last_id),
		HasMore: lf.has_more != 0,
	}
	for i := C.size_t(0); i < lf.count; i++ {
		m := C.amgo_read_list_model(list, i, &r.fields)
		if m == nil {
			break
		}
		p.Models = append(p.Models, r.convert(m))
	}
	return p
}

// convert builds the Model from r.fields, which were just read from m.
func (r *modelReader) convert(m *C.am_model) *Model {
	f := &r.fields
	model := &Model{
		ID:          copyString(f.id),
		DisplayName: copyString(f.display_name),
		Type:        shared(f._type),
		Lifecycle:   shared(f.lifecycle),
		Line:        shared(f.line),
	}
	if f.json.ptr != nil {
		model.RawJSON = C.GoBytes(unsafe.Pointer(f.json.ptr), C.int(f.json.len))
	}
	if f.has_created_at != 0 {
		model.CreatedAt = time.Unix(int64(f.created_at), 0).UTC()
	}
	if f.has_deprecated_at != 0 || f.has_retires_at != 0 {
		dates := new([2]time.Time) // one allocation for both
		if f.has_deprecated_at != 0 {
			dates[0] = time.Unix(int64(f.deprecated_at), 0).UTC()
			model.DeprecatedAt = &dates[0]
		}
		if f.has_retires_at != 0 {
			dates[1] = time.Unix(int64(f.retires_at), 0).UTC()
			model.RetiresAt = &dates[1]
		}
	}
	if f.has_max_input_tokens != 0 || f.has_max_tokens != 0 {
		tokens := new([2]int64) // one allocation for both
		if f.has_max_input_tokens != 0 {
			tokens[0] = int64(f.max_input_tokens)
			model.MaxInputTokens = &tokens[0]
		}
		if f.has_max_tokens != 0 {
			tokens[1] = int64(f.max_tokens)
			model.MaxTokens = &tokens[1]
		}
	}
	efforts, thinking, caps := int(f.effort_levels), int(f.thinking_types), int(f.capabilities)
	if efforts+thinking+caps == 0 {
		return model
	}
	r.readNames(m, efforts+thinking+caps, caps)
	names := r.names
	if efforts > 0 {
		model.EffortLevels = sharedStrings(names[:efforts])
	}
	if thinking > 0 {
		model.ThinkingTypes = sharedStrings(names[efforts : efforts+thinking])
	}
	if caps > 0 {
		model.Capabilities = make(map[string]Support, caps)
		for i, name := range names[efforts+thinking:] {
			model.Capabilities[shared(name)] = Support(r.support[i])
		}
	}
	return model
}

// readNames fills r.names (n entries) and r.support (caps entries) from m.
func (r *modelReader) readNames(m *C.am_model, n, caps int) {
	if cap(r.names) < n {
		r.names = make([]C.amgo_str, n)
	}
	r.names = r.names[:n]
	var support *C.int32_t
	if caps > 0 {
		if cap(r.support) < caps {
			r.support = make([]C.int32_t, caps)
		}
		r.support = r.support[:caps]
		support = &r.support[0]
	}
	C.amgo_read_model_names(m, &r.names[0], support)
}

func sharedStrings(names []C.amgo_str) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = shared(n)
	}
	return out
}
