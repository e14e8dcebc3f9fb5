// Package cref is the C library used directly, without the binding, for the
// binding's tests and benchmarks: the names the library gives its constants,
// its answers for a model, and the C baselines the benchmarks compare with.
// Test files cannot use cgo, so this lives in a package of its own.
package cref

/*
#include <stdlib.h>
#include "reference.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// ABIVersion is the loaded library's am_abi_version().
func ABIVersion() int32 { return int32(C.am_abi_version()) }

// StatusName is am_status_name(status).
func StatusName(status int32) string { return C.GoString(C.am_status_name(C.am_status(status))) }

// CapabilityPath is am_capability_path(c), "" for NULL.
func CapabilityPath(c int32) string {
	p := C.am_capability_path(C.am_capability(c))
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

// Client is a C client made with a base URL and an API key, nothing from the environment.
type Client struct{ c *C.am_client }

// NewClient creates a C client for baseURL.
func NewClient(baseURL, apiKey string) (*Client, error) {
	url, key := C.CString(baseURL), C.CString(apiKey)
	defer C.free(unsafe.Pointer(url))
	defer C.free(unsafe.Pointer(key))
	var c *C.am_client
	if s := C.cref_client_new(url, key, &c); s != C.AM_OK {
		return nil, fmt.Errorf("cref: am_client_new: %s", StatusName(int32(s)))
	}
	return &Client{c}, nil
}

// Close frees the client.
func (c *Client) Close() { C.am_client_free(c.c) }

// List is a C model list.
type List struct{ l *C.am_model_list }

// List fetches one page of limit models with the blocking am_models_list.
func (c *Client) List(limit int) (*List, error) {
	var l *C.am_model_list
	if s := C.cref_list(c.c, C.int32_t(limit), &l); s != C.AM_OK {
		return nil, fmt.Errorf("cref: am_models_list: %s", StatusName(int32(s)))
	}
	return &List{l}, nil
}

// Free frees the list.
func (l *List) Free() { C.am_model_list_free(l.l) }

// Count is am_model_list_count.
func (l *List) Count() int { return int(C.am_model_list_count(l.l)) }

// ID is the id of model i.
func (l *List) ID(i int) string {
	return C.GoString(C.am_model_id(C.am_model_list_at(l.l, C.size_t(i))))
}

// Supports is am_model_supports of model i.
func (l *List) Supports(i int, c int32) int32 {
	return int32(C.am_model_supports(C.am_model_list_at(l.l, C.size_t(i)), C.am_capability(c)))
}

// SupportsPath is am_model_supports_path of model i.
func (l *List) SupportsPath(i int, path string) int32 {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	return int32(C.am_model_supports_path(C.am_model_list_at(l.l, C.size_t(i)), p))
}

// ReadEveryField reads every field of every model of the list through the C
// accessors, as a C program would, and returns a checksum of what it read.
func (l *List) ReadEveryField() uint64 { return uint64(C.cref_read_every_field(l.l)) }

// ReadEveryFieldOf is ReadEveryField for a C list given by address (one that
// another package fetched).
func ReadEveryFieldOf(list unsafe.Pointer) uint64 {
	return uint64(C.cref_read_every_field((*C.am_model_list)(list)))
}

// ListAndRead fetches one page of limit models and reads every field, n
// times in C: the baseline of the binding's List.
func (c *Client) ListAndRead(limit, n int) (uint64, error) {
	var sum C.uint64_t
	if s := C.cref_list_and_read(c.c, C.int32_t(limit), C.int(n), &sum); s != C.AM_OK {
		return 0, fmt.Errorf("cref: am_models_list: %s", StatusName(int32(s)))
	}
	return uint64(sum), nil
}

// GetLoop fetches model id n times with the blocking am_model_get, in C: the
// baseline of the binding's Get.
func (c *Client) GetLoop(id string, n int) error {
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	if s := C.cref_get_loop(c.c, cid, C.int(n)); s != C.AM_OK {
		return fmt.Errorf("cref: am_model_get: %s", StatusName(int32(s)))
	}
	return nil
}
