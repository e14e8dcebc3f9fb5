package anthropicmodels

// Copies C values into plain Go values. A list costs two cgo calls however
// many models it has (the C side gathers every field into one view); the Go
// side allocates little per model: the strings the API repeats across models
// (capability paths, effort levels, lifecycles, ...) are shared, and the
// pointer fields live in the Model's own allocation.

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

// pageFromC converts a C list into a Page.
func pageFromC(list *C.am_model_list) (*Page, error) {
	v := C.amgo_view_list(list)
	if v == nil {
		return nil, outOfMemory()
	}
	defer C.amgo_view_free(v)
	return &Page{
		Models:  convertView(v),
		FirstID: copyString(v.first_id),
		LastID:  copyString(v.last_id),
		HasMore: v.has_more != 0,
	}, nil
}

// modelFromC converts one C model.
func modelFromC(m *C.am_model) (*Model, error) {
	v := C.amgo_view_model(m)
	if v == nil {
		return nil, outOfMemory()
	}
	defer C.amgo_view_free(v)
	return convertView(v)[0], nil
}

func outOfMemory() *Error {
	return &Error{Status: StatusOutOfMemory, Message: "out of memory reading the C library's result"}
}

// modelBlock is a Model with room for what its pointer fields point to: one
// allocation instead of five.
type modelBlock struct {
	model  Model
	tokens [2]int64
	dates  [2]time.Time
}

// converter turns the models of a view into Go values, remembering the
// previous model's names (per kind, since their counts differ from model to
// model) to share its strings.
type converter struct {
	prevEfforts, prevThinking, prevPaths []string
	spare                                []string // the paths buffer before prevPaths, reused
}

func convertView(v *C.amgo_view) []*Model {
	n := int(v.count)
	fields := unsafe.Slice(v.models, n)
	names := unsafe.Slice(v.names, 0)
	support := unsafe.Slice(v.support, 0)
	var total, caps int
	for i := range fields {
		total += int(fields[i].effort_levels + fields[i].thinking_types + fields[i].capabilities)
		caps += int(fields[i].capabilities)
	}
	if total > 0 {
		names = unsafe.Slice(v.names, total)
	}
	if caps > 0 {
		support = unsafe.Slice(v.support, caps)
	}
	models := make([]*Model, n)
	var c converter
	for i := range fields {
		f := &fields[i]
		k := int(f.effort_levels + f.thinking_types + f.capabilities)
		models[i] = c.convert(f, names[:k], support[:f.capabilities])
		names, support = names[k:], support[f.capabilities:]
	}
	return models
}

// convert builds one Model from its fields, names and supports.
func (c *converter) convert(f *C.amgo_model_fields, names []C.amgo_str, support []C.int32_t) *Model {
	b := new(modelBlock)
	m := &b.model
	m.ID, m.DisplayName = copyPair(f.id, f.display_name)
	m.Type, m.Lifecycle, m.Line = shared(f._type), shared(f.lifecycle), shared(f.line)
	if f.json.ptr != nil {
		m.RawJSON = C.GoBytes(unsafe.Pointer(f.json.ptr), C.int(f.json.len))
	}
	if f.has_created_at != 0 {
		m.CreatedAt = time.Unix(int64(f.created_at), 0).UTC()
	}
	if f.has_deprecated_at != 0 {
		b.dates[0] = time.Unix(int64(f.deprecated_at), 0).UTC()
		m.DeprecatedAt = &b.dates[0]
	}
	if f.has_retires_at != 0 {
		b.dates[1] = time.Unix(int64(f.retires_at), 0).UTC()
		m.RetiresAt = &b.dates[1]
	}
	if f.has_max_input_tokens != 0 {
		b.tokens[0] = int64(f.max_input_tokens)
		m.MaxInputTokens = &b.tokens[0]
	}
	if f.has_max_tokens != 0 {
		b.tokens[1] = int64(f.max_tokens)
		m.MaxTokens = &b.tokens[1]
	}

	efforts, thinking := int(f.effort_levels), int(f.thinking_types)
	if efforts+thinking > 0 {
		lists := make([]string, efforts+thinking) // one allocation for both
		if efforts > 0 {
			m.EffortLevels = reuseNames(lists[:efforts:efforts], names[:efforts], &c.prevEfforts)
		}
		if thinking > 0 {
			m.ThinkingTypes = reuseNames(lists[efforts:], names[efforts:efforts+thinking], &c.prevThinking)
		}
	}
	if len(support) > 0 {
		m.Capabilities = c.capabilities(names[efforts+thinking:], support)
	}
	return m
}

// copyPair copies two C strings into one Go allocation.
func copyPair(a, b C.amgo_str) (string, string) {
	sa, sb := borrow(a), borrow(b)
	if len(sa)+len(sb) == 0 {
		return "", ""
	}
	buf := make([]byte, len(sa)+len(sb))
	copy(buf, sa)
	copy(buf[len(sa):], sb)
	return unsafe.String(&buf[0], len(sa)), unsafe.String(unsafe.SliceData(buf[len(sa):]), len(sb))
}

// reuseNames fills out with Go strings for names, reusing the previous
// model's string at the same position when it is equal (models of a list
// nearly always share their layout); out becomes the new *prev.
func reuseNames(out []string, names []C.amgo_str, prev *[]string) []string {
	p := *prev
	for i, n := range names {
		if s := borrow(n); i < len(p) && p[i] == s {
			out[i] = p[i]
		} else {
			out[i] = shared(n)
		}
	}
	*prev = out
	return out
}

// capabilities builds a model's capability map, its path strings shared
// with the previous model's where equal. (Cloning the previous map and
// patching it measured slower than inserting: Go 1.23 clones entry by entry.)
func (c *converter) capabilities(names []C.amgo_str, support []C.int32_t) map[string]Support {
	buf := c.spare
	if cap(buf) < len(names) {
		buf = make([]string, len(names))
	}
	c.spare = c.prevPaths
	paths := reuseNames(buf[:len(names)], names, &c.prevPaths)
	caps := make(map[string]Support, len(paths))
	for i, p := range paths {
		caps[p] = Support(support[i])
	}
	return caps
}
