//go:build anthropic_models_bench

package anthropicmodels

// Hooks for the benchmarks only (bench.sh builds with this tag): they let a
// benchmark time the conversion of a C list on its own, without the fetch.

// #include "bridge.h"
import "C"

import "unsafe"

// benchFetchList fetches one page of limit models with the blocking C call
// and gives the C list; free it with benchFreeList.
func (c *Client) benchFetchList(limit int) (unsafe.Pointer, error) {
	cp, err := newCParams(&ListParams{Limit: limit})
	if err != nil {
		return nil, err
	}
	defer freeParams(cp)
	c.mu.RLock()
	defer c.mu.RUnlock()
	var list *C.am_model_list
	var cerr *C.am_error
	if status := C.am_models_list(c.ptr, cp, &list, &cerr); status != C.AM_OK {
		return nil, errorFromC(status, cerr)
	}
	return unsafe.Pointer(list), nil
}

// benchConvert converts a C list into the Page that List gives.
func benchConvert(list unsafe.Pointer) *Page {
	page, err := pageFromC((*C.am_model_list)(list))
	if err != nil {
		panic(err)
	}
	return page
}

func benchFreeList(list unsafe.Pointer) { C.am_model_list_free((*C.am_model_list)(list)) }
