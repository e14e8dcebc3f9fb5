package anthropicmodels

import (
	"errors"
	"net/url"
	"slices"
	"testing"
)

func TestListGivesOnePage(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	want := readCatalog(t).defaultIDs()

	page, err := c.List(ctxTimeout(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := modelIDs(page.Models); !slices.Equal(got, want) || page.HasMore ||
		page.FirstID != want[0] || page.LastID != want[len(want)-1] {
		t.Fatalf("page %v first %q last %q more %v, want %v", got, page.FirstID, page.LastID, page.HasMore, want)
	}

	page, err = c.List(ctxTimeout(t), &ListParams{Limit: 3, AfterID: want[1]})
	if err != nil {
		t.Fatal(err)
	}
	if got := modelIDs(page.Models); !slices.Equal(got, want[2:5]) || !page.HasMore || page.FirstID != want[2] || page.LastID != want[4] {
		t.Fatalf("page after %s: %v first %q last %q more %v", want[1], got, page.FirstID, page.LastID, page.HasMore)
	}
	reqs := srv.requests(t)
	if len(reqs) != 2 || reqs[1].Path != "/v1/models" {
		t.Fatalf("requests %+v", reqs)
	}
	if q, _ := url.ParseQuery(reqs[1].Query); q.Get("limit") != "3" || q.Get("after_id") != want[1] {
		t.Errorf("query %q", reqs[1].Query)
	}
}

func TestListFiltersByLifecycleAndBeta(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	page, err := c.List(ctxTimeout(t), &ListParams{Lifecycle: []string{"retired"}, Beta: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := modelIDs(page.Models), readCatalog(t).ids("retired"); !slices.Equal(got, want) {
		t.Errorf("retired: %v, want %v", got, want)
	}
	q, _ := url.ParseQuery(srv.requests(t)[0].Query)
	if q.Get("beta") != "true" || q.Get("lifecycle[]") != "retired" {
		t.Errorf("query %q", srv.requests(t)[0].Query)
	}
}

// Every page both ways, with a page size that does not divide the total.
func TestEveryPageBothDirections(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	want := readCatalog(t).defaultIDs()
	const limit = 4
	if len(want)%limit == 0 {
		t.Fatalf("the catalog's %d models divide by %d: pick another limit", len(want), limit)
	}
	pages := (len(want) + limit - 1) / limit

	t.Run("ListAll forwards", func(t *testing.T) {
		srv.clearLog(t)
		all, err := c.ListAll(ctxTimeout(t), &ListParams{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if got := modelIDs(all); !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		if n := len(srv.requests(t)); n != pages {
			t.Errorf("%d requests, want %d", n, pages)
		}
	})
	t.Run("ListAll backwards", func(t *testing.T) {
		srv.clearLog(t)
		last := want[len(want)-1]
		all, err := c.ListAll(ctxTimeout(t), &ListParams{Limit: limit, BeforeID: last})
		if err != nil {
			t.Fatal(err)
		}
		if got := modelIDs(all); !slices.Equal(got, want[:len(want)-1]) { // newest first
			t.Fatalf("got %v, want %v", got, want[:len(want)-1])
		}
		reqs := srv.requests(t)
		if q, _ := url.ParseQuery(reqs[0].Query); q.Get("before_id") != last {
			t.Errorf("first request %q", reqs[0].Query)
		}
	})
	t.Run("Models forwards", func(t *testing.T) {
		srv.clearLog(t)
		var got []string
		for m, err := range c.Models(ctxTimeout(t), &ListParams{Limit: limit}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, m.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		if n := len(srv.requests(t)); n != pages {
			t.Errorf("%d requests, want %d", n, pages)
		}
	})
	t.Run("Models backwards", func(t *testing.T) {
		var got []string
		for m, err := range c.Models(ctxTimeout(t), &ListParams{Limit: limit, BeforeID: want[len(want)-1]}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, m.ID)
		}
		// Away from the cursor: the model just newer than it first.
		wantBack := slices.Clone(want[:len(want)-1])
		slices.Reverse(wantBack)
		if !slices.Equal(got, wantBack) {
			t.Fatalf("got %v, want %v", got, wantBack)
		}
	})
}

func TestModelsStopsFetchingWhenTheLoopBreaks(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	want := readCatalog(t).defaultIDs()
	var got []string
	for m, err := range c.Models(ctxTimeout(t), &ListParams{Limit: 4}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.ID)
		if len(got) == 5 { // the first model of the second page
			break
		}
	}
	if !slices.Equal(got, want[:5]) {
		t.Fatalf("got %v, want %v", got, want[:5])
	}
	reqs := srv.requests(t)
	if len(reqs) != 2 {
		t.Fatalf("%d requests after breaking on page 2, want 2: %+v", len(reqs), reqs)
	}
	if q, _ := url.ParseQuery(reqs[1].Query); q.Get("after_id") != want[3] {
		t.Errorf("second page requested with %q", reqs[1].Query)
	}
}

func TestPageCapGivesPaginationErrorNotAPartialList(t *testing.T) {
	c := newTestClient(t)
	p := &ListParams{Limit: 2, MaxPages: 3}
	models, err := c.ListAll(ctxTimeout(t), p)
	if !errors.Is(err, ErrPagination) || models != nil {
		t.Fatalf("ListAll: %v, %d models", err, len(models))
	}
	n := 0
	var iterErr error
	for m, err := range c.Models(ctxTimeout(t), p) {
		if err != nil {
			iterErr = err
			if m != nil {
				t.Error("an error came with a model")
			}
			continue
		}
		n++
	}
	if !errors.Is(iterErr, ErrPagination) || n != 6 {
		t.Fatalf("Models: %d models then %v", n, iterErr)
	}
}

func TestModelsYieldsAServerErrorAndStops(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t, WithMaxRetries(0))
	srv.addFaults(t, fault{"action": "respond", "status": 500, "path_prefix": "/v1/models", "times": 1})
	count := 0
	for m, err := range c.Models(ctxTimeout(t), &ListParams{Limit: 4}) {
		count++
		if !errors.Is(err, ErrServer) || m != nil {
			t.Fatalf("yield %d: %v, %v", count, m, err)
		}
	}
	if count != 1 {
		t.Fatalf("%d yields, want 1 (the error)", count)
	}
	if n := len(srv.requests(t)); n != 1 {
		t.Fatalf("%d requests", n)
	}
}

func TestListRejectsBadParametersBeforeSending(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	for _, p := range []*ListParams{
		{Limit: 1001}, {Limit: -1}, {Limit: 1 << 40}, {AfterID: "a", BeforeID: "b"},
		{AfterID: "a\x00b"}, {Lifecycle: []string{"active\x00"}}, {MaxPages: -3},
	} {
		_, err := c.List(ctxTimeout(t), p)
		var e *Error
		if !errors.As(err, &e) || e.Status != StatusInvalidArgument || e.Attempts != 0 {
			t.Errorf("%+v: %v", p, err)
		}
	}
	if n := len(srv.requests(t)); n != 0 {
		t.Errorf("%d requests sent for invalid parameters", n)
	}
}
