package anthropicmodels

// Turns ListParams into the C library's am_list_params, which checks the
// values (limit and page-cap ranges, lifecycle names, one cursor at most).

/*
#include <stdlib.h>
#include "anthropic_models.h"
*/
import "C"

// newCParams builds the am_list_params of p (nil: the defaults); the caller
// frees it with freeParams.
func newCParams(p *ListParams) (*C.am_list_params, error) {
	cp := C.am_list_params_new()
	if cp == nil {
		return nil, &Error{Status: StatusOutOfMemory, Message: "out of memory"}
	}
	live.params.Add(1)
	if p != nil {
		if err := p.apply(cp); err != nil {
			freeParams(cp)
			return nil, err
		}
	}
	return cp, nil
}

func freeParams(cp *C.am_list_params) {
	C.am_list_params_free(cp)
	live.params.Add(-1)
}

func (p *ListParams) apply(cp *C.am_list_params) error {
	if p.Limit != 0 {
		if err := withInt32("limit", p.Limit, func(n C.int32_t, cerr **C.am_error) C.am_status {
			return C.am_list_params_set_limit(cp, n, cerr)
		}); err != nil {
			return err
		}
	}
	if p.AfterID != "" {
		if err := withCString("after id", p.AfterID, func(cs *C.char, cerr **C.am_error) C.am_status {
			return C.am_list_params_set_after_id(cp, cs, cerr)
		}); err != nil {
			return err
		}
	}
	if p.BeforeID != "" {
		if err := withCString("before id", p.BeforeID, func(cs *C.char, cerr **C.am_error) C.am_status {
			return C.am_list_params_set_before_id(cp, cs, cerr)
		}); err != nil {
			return err
		}
	}
	for _, stage := range p.Lifecycle {
		if err := withCString("lifecycle", stage, func(cs *C.char, cerr **C.am_error) C.am_status {
			return C.am_list_params_add_lifecycle(cp, cs, cerr)
		}); err != nil {
			return err
		}
	}
	if p.Beta {
		C.am_list_params_set_beta(cp, 1)
	}
	if p.Refresh {
		C.am_list_params_set_refresh(cp, 1)
	}
	if p.MaxPages != 0 {
		if err := withInt32("max pages", p.MaxPages, func(n C.int32_t, cerr **C.am_error) C.am_status {
			return C.am_list_params_set_max_pages(cp, n, cerr)
		}); err != nil {
			return err
		}
	}
	return nil
}
