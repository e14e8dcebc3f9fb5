package anthropicmodels

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/anthropic-models/anthropic-models/bindings/go/internal/cref"
)

var allStages = []string{"active", "deprecated", "retired"}

// checkModel compares every field of m with the catalog's model object.
func checkModel(t *testing.T, m *Model, want map[string]any, beta bool) {
	t.Helper()
	str := func(k string) string { s, _ := want[k].(string); return s }
	num := func(k string) *int64 {
		if f, ok := want[k].(float64); ok {
			n := int64(f)
			return &n
		}
		return nil
	}
	if m.ID != str("id") || m.DisplayName != str("display_name") || m.Type != str("type") ||
		m.Lifecycle != str("lifecycle") || m.Line != str("line") {
		t.Errorf("%s: strings %q %q %q %q, want %q %q %q %q", str("id"), m.DisplayName, m.Type, m.Lifecycle, m.Line,
			str("display_name"), str("type"), str("lifecycle"), str("line"))
	}
	if created := dateOf(t, want["created_at"]); created == nil && !m.CreatedAt.IsZero() ||
		created != nil && !m.CreatedAt.Equal(*created) {
		t.Errorf("%s: CreatedAt %v, want %v", m.ID, m.CreatedAt, created)
	}
	if !reflect.DeepEqual(m.DeprecatedAt, dateOf(t, want["deprecated_at"])) ||
		!reflect.DeepEqual(m.RetiresAt, dateOf(t, want["retires_at"])) {
		t.Errorf("%s: DeprecatedAt %v RetiresAt %v, want %v %v", m.ID, m.DeprecatedAt, m.RetiresAt,
			want["deprecated_at"], want["retires_at"])
	}
	if !reflect.DeepEqual(m.MaxInputTokens, num("max_input_tokens")) || !reflect.DeepEqual(m.MaxTokens, num("max_tokens")) {
		t.Errorf("%s: tokens %v %v, want %v %v", m.ID, m.MaxInputTokens, m.MaxTokens, want["max_input_tokens"], want["max_tokens"])
	}
	caps, _ := want["capabilities"].(map[string]any)
	if wantCaps := expectedCapabilities(caps); !maps.Equal(m.Capabilities, wantCaps) {
		t.Errorf("%s: Capabilities %v, want %v", m.ID, m.Capabilities, wantCaps)
	}
	effort, _ := caps["effort"].(map[string]any)
	if w := supportedNames(effort, []string{"low", "medium", "high", "max", "xhigh"}); !slices.Equal(m.EffortLevels, w) {
		t.Errorf("%s: EffortLevels %v, want %v", m.ID, m.EffortLevels, w)
	}
	thinking, _ := caps["thinking"].(map[string]any)
	types, _ := thinking["types"].(map[string]any)
	if w := supportedNames(types, []string{"adaptive", "enabled", "disabled", "between_tools"}); !slices.Equal(m.ThinkingTypes, w) {
		t.Errorf("%s: ThinkingTypes %v, want %v", m.ID, m.ThinkingTypes, w)
	}
	var raw map[string]any
	if err := json.Unmarshal(m.RawJSON, &raw); err != nil {
		t.Fatalf("%s: RawJSON: %v", m.ID, err)
	}
	wantRaw := maps.Clone(want)
	if !beta {
		delete(wantRaw, "allowed_fallback_models") // the server keeps it for ?beta=true only
	} else if _, ok := wantRaw["allowed_fallback_models"]; !ok {
		wantRaw["allowed_fallback_models"] = []any{}
	}
	if !reflect.DeepEqual(raw, wantRaw) {
		t.Errorf("%s: RawJSON %s, want %v", m.ID, m.RawJSON, wantRaw)
	}
}

func TestEveryFieldOfEveryModelMatchesTheCatalog(t *testing.T) {
	c := newTestClient(t)
	catalog := readCatalog(t)
	for _, beta := range []bool{false, true} {
		models, err := c.ListAll(ctxTimeout(t), &ListParams{Lifecycle: allStages, Beta: beta})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := modelIDs(models), catalog.ids(allStages...); !slices.Equal(got, want) {
			t.Fatalf("beta=%v: ids %v, want %v", beta, got, want)
		}
		for _, m := range models {
			checkModel(t, m, catalog.model(m.ID), beta)
		}
	}
}

func TestModelsWithoutCapabilitiesAreUnknownNotUnsupported(t *testing.T) {
	m, err := newTestClient(t).Get(ctxTimeout(t), "claude-3-haiku-20240307") // old shape: no capabilities
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Capabilities) != 0 || m.MaxInputTokens != nil || m.MaxTokens != nil || m.Lifecycle != "" {
		t.Errorf("old-shape model has %v %v %v %q", m.Capabilities, m.MaxInputTokens, m.MaxTokens, m.Lifecycle)
	}
	for _, c := range KnownCapabilities() {
		if s := m.Supports(c); s != Unknown {
			t.Errorf("Supports(%v) = %v, want unknown", c, s)
		}
	}
}

func TestGetByAliasGivesTheCanonicalModel(t *testing.T) {
	srv := freshServer(t)
	c := newTestClient(t)
	catalog := readCatalog(t)
	for alias, id := range catalog.Aliases {
		m, err := c.Get(ctxTimeout(t), alias)
		if err != nil {
			t.Fatalf("Get(%q): %v", alias, err)
		}
		if m.ID != id {
			t.Errorf("Get(%q).ID = %q, want %q", alias, m.ID, id)
		}
		checkModel(t, m, catalog.model(id), false)
	}
	if n := len(srv.requests(t)); n != len(catalog.Aliases) {
		t.Errorf("%d requests for %d gets", n, len(catalog.Aliases))
	}
}

// The binding answers capability questions from its copied map; the C
// library answers from its own model. They must agree on every path the
// server sent, on every known capability, and on paths it did not send.
func TestSupportsAgreesWithTheCLibrary(t *testing.T) {
	models, err := newTestClient(t).ListAll(ctxTimeout(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := cref.NewClient(mock.URL, testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	list, err := ref.List(1000)
	if err != nil {
		t.Fatal(err)
	}
	defer list.Free()
	if list.Count() != len(models) {
		t.Fatalf("C lists %d models, Go %d", list.Count(), len(models))
	}
	// Not compared: paths ending in ".supported" ("effort.xhigh.supported"),
	// which am_model_supports_path answers as if "supported" were a member
	// while the enumeration (and so Capabilities) has no such entry.
	extra := []string{"thinking.types", "no_such_capability", "", "future_capability", "effort.xhigh.low"}
	checked := 0
	for i, m := range models {
		if list.ID(i) != m.ID {
			t.Fatalf("model %d: C %q, Go %q", i, list.ID(i), m.ID)
		}
		for _, c := range KnownCapabilities() {
			if got, want := m.Supports(c), Support(list.Supports(i, int32(c))); got != want {
				t.Errorf("%s: Supports(%v) = %v, C says %v", m.ID, c, got, want)
			}
		}
		for _, path := range append(slices.Collect(maps.Keys(m.Capabilities)), extra...) {
			if got, want := m.SupportsPath(path), Support(list.SupportsPath(i, path)); got != want {
				t.Errorf("%s: SupportsPath(%q) = %v, C says %v", m.ID, path, got, want)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d paths compared", checked)
	}
}

func TestModelsOutliveTheirClient(t *testing.T) {
	c := newTestClient(t)
	m, err := c.Get(ctxTimeout(t), "claude-opus-4-6")
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.List(ctxTimeout(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := waitNoLiveHandles(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	// Plain Go values: nothing of the C library behind them any more.
	if m.ID != "claude-opus-4-6" || m.Supports(CapEffortXHigh) != Yes || m.SupportsPath("future_capability") != Yes ||
		!json.Valid(m.RawJSON) || page.Models[0].ID != "claude-opus-4-6" {
		t.Errorf("model after Close: %+v", m)
	}
}

func modelIDs(models []*Model) []string {
	ids := make([]string, len(models))
	for i, m := range models {
		ids[i] = m.ID
	}
	return ids
}
