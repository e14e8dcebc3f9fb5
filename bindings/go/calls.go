package anthropicmodels

// #include "bridge.h"
import "C"

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"unsafe"
)

// Get fetches one model by id or alias; the result carries the canonical id.
func (c *Client) Get(ctx context.Context, id string) (*Model, error) {
	if strings.IndexByte(id, 0) >= 0 {
		return nil, invalidArgument("model id contains a NUL byte")
	}
	// The library copies the id during the submission, so Go memory will do.
	cid := append([]byte(id), 0)
	r, err := c.run(ctx, C.AMGO_KIND_MODEL, func(client *C.am_client, h C.uintptr_t) C.amgo_submitted {
		return C.amgo_get_async(client, (*C.char)(unsafe.Pointer(&cid[0])), h)
	})
	if err != nil {
		return nil, err
	}
	defer freeModel(r.model)
	return modelFromC(r.model)
}

// List fetches one page of models (p may be nil: the first page, the server's
// page size).
func (c *Client) List(ctx context.Context, p *ListParams) (*Page, error) {
	list, err := c.runList(ctx, p, false)
	if err != nil {
		return nil, err
	}
	defer freeList(list)
	return pageFromC(list)
}

// ListAll fetches every page, newest model first: after p.AfterID (or from
// the start), or, when p.BeforeID is set, every model newer than it. A
// repeated cursor, has_more without a cursor or the page cap (p.MaxPages)
// gives ErrPagination, never a silently partial list. With a cache on (see
// WithCacheTTL) the answer may come from it: Catalog tells how fresh it is.
func (c *Client) ListAll(ctx context.Context, p *ListParams) ([]*Model, error) {
	list, err := c.runList(ctx, p, true)
	if err != nil {
		return nil, err
	}
	defer freeList(list)
	page, err := pageFromC(list)
	if err != nil {
		return nil, err
	}
	return page.Models, nil
}

// Catalog fetches every model like ListAll and keeps the listing as a
// ModelList, which tells whether the client's cache answered and how old and
// stale the data is (see WithCacheTTL and WithCacheDir), and selects, sorts
// and looks up models without another request.
func (c *Client) Catalog(ctx context.Context, p *ListParams) (*ModelList, error) {
	list, err := c.runList(ctx, p, true)
	if err != nil {
		return nil, err
	}
	return newModelList(list, nil)
}

func (c *Client) runList(ctx context.Context, p *ListParams, all bool) (*C.am_model_list, error) {
	cp, err := newCParams(p)
	if err != nil {
		return nil, err
	}
	defer freeParams(cp)
	var cAll C.int32_t
	if all {
		cAll = 1
	}
	r, err := c.run(ctx, C.AMGO_KIND_LIST, func(client *C.am_client, h C.uintptr_t) C.amgo_submitted {
		return C.amgo_list_async(client, cp, cAll, h)
	})
	return r.list, err
}

// Models iterates over every model page by page, fetching a page only when
// the loop reaches it; breaking out of the loop fetches nothing more. It
// walks away from the cursor: from the newest model (or p.AfterID) towards
// older ones, or, when p.BeforeID is set, from the model just newer than it
// towards the newest. An error is yielded once, with a nil model, and ends
// the iteration; the page rules are those of ListAll (ErrPagination).
func (c *Client) Models(ctx context.Context, p *ListParams) iter.Seq2[*Model, error] {
	var params ListParams
	if p != nil {
		params = *p
		params.Lifecycle = slices.Clone(p.Lifecycle)
	}
	maxPages := params.MaxPages
	if maxPages == 0 {
		maxPages = 1000
	}
	backwards := params.BeforeID != ""
	return func(yield func(*Model, error) bool) {
		q := params // every range starts from the first page
		cursors := make(map[string]bool)
		for pages := 0; ; pages++ {
			if pages == maxPages {
				yield(nil, paginationError(fmt.Sprintf("more than %d pages (ListParams.MaxPages)", maxPages)))
				return
			}
			page, err := c.List(ctx, &q)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yieldPage(page.Models, backwards, yield) || !page.HasMore {
				return
			}
			next := page.LastID
			if backwards {
				next = page.FirstID
			}
			if next == "" {
				yield(nil, paginationError("the server said has_more but sent no cursor"))
				return
			}
			if cursors[next] {
				yield(nil, paginationError("the server repeated the cursor "+next))
				return
			}
			cursors[next] = true
			if backwards {
				q.BeforeID = next
			} else {
				q.AfterID = next
			}
		}
	}
}

// yieldPage yields a page's models (newest first) in the walk's direction;
// false when the loop broke.
func yieldPage(models []*Model, backwards bool, yield func(*Model, error) bool) bool {
	for i := range models {
		m := models[i]
		if backwards {
			m = models[len(models)-1-i]
		}
		if !yield(m, nil) {
			return false
		}
	}
	return true
}

func paginationError(message string) *Error {
	return &Error{Status: StatusPagination, Message: message}
}
