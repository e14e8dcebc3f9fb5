package anthropicmodels

// ModelList's selection helpers on both catalog shapes (models with and
// without capabilities), checked against the catalog file read on its own.

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// everyStage lists the whole catalog: both shapes, every lifecycle.
var everyStage = &ListParams{Lifecycle: []string{"active", "deprecated", "retired"}}

// catalogWhere gives the ids of the catalog's models (in its newest-first
// order, which is the listing's) that keep says to keep.
func catalogWhere(t *testing.T, keep func(m map[string]any) bool) []string {
	t.Helper()
	var ids []string
	for _, m := range readCatalog(t).Models {
		if keep(m) {
			ids = append(ids, m["id"].(string))
		}
	}
	return ids
}

// mustSelect fails the test on a selection's error; it takes the
// selection's two results: mustSelect(t)(l.SelectLine("opus")).
func mustSelect(t *testing.T) func(*ModelList, error) *ModelList {
	return func(l *ModelList, err error) *ModelList {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
}

func TestSelectSupportedCountsOnlyYes(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), everyStage)
	withoutCaps := catalogWhere(t, func(m map[string]any) bool { return m["capabilities"] == nil })
	if len(withoutCaps) == 0 || !slices.Equal(catalogIDs(all), catalogWhere(t, func(map[string]any) bool { return true })) {
		t.Fatalf("the listing %v does not hold both shapes of the catalog", catalogIDs(all))
	}
	for _, paths := range [][]string{
		{"image_input"},
		{"image_input", "thinking.types.adaptive"},
		{"effort.xhigh"},
		{"thinking"},
	} {
		want := catalogWhere(t, func(m map[string]any) bool {
			caps, _ := m["capabilities"].(map[string]any)
			support := expectedCapabilities(caps)
			for _, p := range paths {
				if support[p] != Yes {
					return false
				}
			}
			return true
		})
		sel := mustSelect(t)(all.SelectSupported(paths...))
		if got := catalogIDs(sel); !slices.Equal(got, want) {
			t.Errorf("SelectSupported(%q) = %v, want %v", paths, got, want)
		}
		for _, id := range withoutCaps {
			if slices.Contains(catalogIDs(sel), id) {
				t.Errorf("SelectSupported(%q) kept %s, which has no capabilities (Unknown is not Yes)", paths, id)
			}
		}
	}
	if got := catalogIDs(mustSelect(t)(all.SelectSupported())); !slices.Equal(got, catalogIDs(all)) {
		t.Errorf("no path: %v, want every model", got)
	}
}

func TestMalformedCapabilityPathsAreInvalidArguments(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), nil)
	for _, bad := range [][]string{{""}, {".a"}, {"a."}, {"a..b"}, {"image input"}, {"image_input,pdf_input"}, {"image_input", "x\x00"}} {
		l, err := all.SelectSupported(bad...)
		if l != nil {
			t.Errorf("%q gave a list", bad)
		}
		checkClass(t, err, StatusInvalidArgument)
	}
}

func TestSelectByLineLifecycleAndRetirement(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), everyStage)
	for _, line := range []string{"opus", "sonnet", "haiku", "no-such-line"} {
		want := catalogWhere(t, func(m map[string]any) bool { return m["line"] == line })
		if got := catalogIDs(mustSelect(t)(all.SelectLine(line))); !slices.Equal(got, want) {
			t.Errorf("SelectLine(%q) = %v, want %v", line, got, want)
		}
	}
	for _, stage := range []string{"active", "deprecated", "retired"} {
		want := catalogWhere(t, func(m map[string]any) bool { return m["lifecycle"] == stage })
		if got := catalogIDs(mustSelect(t)(all.SelectLifecycle(stage))); !slices.Equal(got, want) {
			t.Errorf("SelectLifecycle(%q) = %v, want %v", stage, got, want)
		}
	}
	// A retirement date itself, and half a second after it: "strictly before"
	// holds for the second only, though both are the same whole second.
	date := time.Date(2026, 2, 19, 0, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{date, date.Add(500 * time.Millisecond), date.Add(24 * 365 * time.Hour)} {
		want := catalogWhere(t, func(m map[string]any) bool {
			r := dateOf(t, m["retires_at"])
			return r != nil && r.Before(at)
		})
		got := catalogIDs(mustSelect(t)(all.SelectRetiringBefore(at)))
		if !slices.Equal(got, want) {
			t.Errorf("SelectRetiringBefore(%v) = %v, want %v", at, got, want)
		}
	}
	if n := mustSelect(t)(all.SelectRetiringBefore(date)).Len(); n != 2 {
		t.Errorf("%d models retire before %v, the catalog has 2", n, date)
	}
}

func TestSortByCreatedIsStableWithUndatedLast(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), everyStage)
	catalog := readCatalog(t)
	created := func(id string) *time.Time { return dateOf(t, catalog.model(id)["created_at"]) }
	for _, newestFirst := range []bool{true, false} {
		want := catalogIDs(all)
		slices.SortStableFunc(want, func(a, b string) int {
			ca, cb := created(a), created(b)
			switch {
			case ca == nil || cb == nil:
				return cmp.Compare(boolRank(ca == nil), boolRank(cb == nil)) // undated last
			case newestFirst:
				return cb.Compare(*ca)
			default:
				return ca.Compare(*cb)
			}
		})
		got := catalogIDs(mustSelect(t)(all.SortByCreated(newestFirst)))
		if !slices.Equal(got, want) {
			t.Errorf("SortByCreated(%v) = %v, want %v", newestFirst, got, want)
		}
		if created(got[len(got)-1]) != nil {
			t.Errorf("SortByCreated(%v) ends with the dated %s", newestFirst, got[len(got)-1])
		}
	}
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestFindAndNewest(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), everyStage)
	for query, want := range map[string]string{
		"claude-opus-4-6":         "claude-opus-4-6",            // exact
		"claude-sonnet-4-5":       "claude-sonnet-4-5-20250929", // alias-like prefix
		"claude-opus-4":           "claude-opus-4-6",            // the newest of several
		"claude-3-haiku-20240307": "claude-3-haiku-20240307",    // a model without capabilities
		"claude-sonnet-4-50":      "",                           // a prefix must end at '-'
		"claude-opus-4-":          "",
		"no-such-model":           "",
		"":                        "",
		"claude\x00":              "",
	} {
		m := all.Find(query)
		if got := idOf(m); got != want {
			t.Errorf("Find(%q) = %q, want %q", query, got, want)
		}
	}
	for line, want := range map[string]string{
		"opus": "claude-opus-4-6", "sonnet": "claude-sonnet-4-5-20250929", "haiku": "claude-haiku-4-5-20251001",
		"": "claude-opus-4-6", "no-such-line": "",
	} {
		if got := idOf(all.Newest(line)); got != want {
			t.Errorf("Newest(%q) = %q, want %q", line, got, want)
		}
	}
	empty := mustSelect(t)(all.SelectLine("no-such-line"))
	if empty.Len() != 0 || empty.Newest("") != nil || empty.Find("claude-opus-4-6") != nil {
		t.Error("an empty selection found a model")
	}
}

func idOf(m *Model) string {
	if m == nil {
		return ""
	}
	return m.ID
}

// Selections share the models of their input and its cache state, and stay
// usable after the input and the client are gone.
func TestSelectionsShareModelsAndOutliveTheirInput(t *testing.T) {
	c := newTestClient(t, WithCacheTTL(time.Hour))
	fetchCatalog(t, c, nil)
	cached := fetchCatalog(t, c, nil)
	opus := mustSelect(t)(cached.SelectLine("opus"))
	if !opus.FromCache() || opus.Stale() || opus.Age() != cached.Age() {
		t.Errorf("selection: from cache %v, stale %v, age %v; the input's: true, false, %v",
			opus.FromCache(), opus.Stale(), opus.Age(), cached.Age())
	}
	for i, m := range opus.Models() {
		if cached.Find(m.ID) != m || opus.At(i) != m {
			t.Errorf("%s is not the input's *Model", m.ID)
		}
	}
	newest := opus.Newest("opus")
	if newest != cached.Find("claude-opus-4-6") {
		t.Error("Newest gave another *Model than the list holds")
	}

	sorted := mustSelect(t)(opus.SortByCreated(false))
	want := slices.Clone(catalogIDs(opus))
	slices.Reverse(want) // the opus models have distinct dates
	cached, opus = nil, nil
	c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for live.lists.Load() != 1 { // only sorted's: the finalizers freed the others
		if time.Now().After(deadline) {
			t.Fatalf("%d C lists held, want 1", live.lists.Load())
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := catalogIDs(sorted); !slices.Equal(got, want) {
		t.Fatalf("after the input was collected: %v, want %v", got, want)
	}
	again := mustSelect(t)(sorted.SelectSupported("image_input"))
	if again.Len() != sorted.Len() || sorted.Find("claude-opus-4-6") != newest {
		t.Errorf("selecting from the sorted list after its input was collected: %v", catalogIDs(again))
	}
}

// Should the C library stop sharing a model's identity between lists, the
// selections copy the models instead: the same values, new pointers.
func TestSelectionsWithoutSharedIdentityCopy(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), nil)
	all.byKeyOnce.Do(func() { all.byKey = map[uintptr]*Model{} }) // as if no identity matched
	haiku := mustSelect(t)(all.SelectLine("haiku"))
	want := catalogWhere(t, func(m map[string]any) bool {
		return m["line"] == "haiku" && m["lifecycle"] != "retired"
	})
	if got := catalogIDs(haiku); !slices.Equal(got, want) {
		t.Fatalf("copied selection %v, want %v", got, want)
	}
	if m := all.Find("claude-haiku-4-5"); m == nil || m.ID != "claude-haiku-4-5-20251001" || m.DisplayName == "" ||
		m.Supports(CapImageInput) != haiku.At(0).Supports(CapImageInput) {
		t.Errorf("copied Find: %+v", m)
	}
	for _, m := range all.Models() {
		if m == haiku.At(0) {
			t.Error("the copies are the input's pointers")
		}
	}
}

// The leak check: a dropped ModelList's C list is freed by the collector.
func TestDroppedListsAreFreed(t *testing.T) {
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	func() {
		c := newTestClient(t)
		defer c.Close()
		all := fetchCatalog(t, c, nil)
		held := []*ModelList{all}
		for range 10 {
			held = append(held, mustSelect(t)(all.SelectSupported("image_input")))
		}
		runtime.GC()
		if n := live.lists.Load(); n != int64(len(held)) {
			t.Errorf("%d C lists held, want %d", n, len(held))
		}
		runtime.KeepAlive(held)
	}()
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// One list used by many goroutines at once (run with -race): lookups build
// the list's index once, selections run in C concurrently.
func TestOneListManyGoroutines(t *testing.T) {
	all := fetchCatalog(t, newTestClient(t), everyStage)
	want := catalogIDs(mustSelect(t)(all.SelectLine("sonnet")))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if m := all.Find("claude-sonnet-4-5"); m == nil || m.ID != "claude-sonnet-4-5-20250929" {
				errs <- "Find: " + idOf(m)
			}
			sel, err := all.SelectLine("sonnet")
			if err != nil || !slices.Equal(catalogIDs(sel), want) || sel.Newest("") != all.Newest("sonnet") {
				errs <- fmt.Sprintf("goroutine %d: SelectLine: %v %v", g, err, catalogIDs(sel))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
