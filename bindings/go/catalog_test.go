package anthropicmodels

// The catalog file the server serves, read independently of the C library:
// the oracle the binding's models are checked against.

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"
)

type catalogFile struct {
	Models  []map[string]any  `json:"models"`
	Aliases map[string]string `json:"aliases"`
}

func readCatalog(t testing.TB) catalogFile {
	t.Helper()
	data, err := os.ReadFile(testEnv.catalog)
	if err != nil {
		t.Fatal(err)
	}
	var c catalogFile
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", testEnv.catalog, err)
	}
	return c
}

// ids gives the ids of the catalog's models whose lifecycle is in stages
// (a model without one counts as active), in the catalog's (newest first) order.
func (c catalogFile) ids(stages ...string) []string {
	var ids []string
	for _, m := range c.Models {
		stage, _ := m["lifecycle"].(string)
		if stage == "" {
			stage = "active"
		}
		if slices.Contains(stages, stage) {
			ids = append(ids, m["id"].(string))
		}
	}
	return ids
}

func (c catalogFile) model(id string) map[string]any {
	for _, m := range c.Models {
		if m["id"] == id {
			return m
		}
	}
	return nil
}

// defaultIDs are what a list without a lifecycle filter gives.
func (c catalogFile) defaultIDs() []string { return c.ids("active", "deprecated") }

// expectedCapabilities walks a capabilities object the way the C library's
// enumeration is documented: every node with a support value of its own
// ({"supported": b} or a bare boolean), by dotted path.
func expectedCapabilities(caps map[string]any) map[string]Support {
	out := map[string]Support{}
	var walk func(prefix string, node map[string]any)
	walk = func(prefix string, node map[string]any) {
		for k, v := range node {
			if k == "supported" {
				continue
			}
			path := prefix + k
			switch v := v.(type) {
			case bool:
				out[path] = supportOf(v)
			case map[string]any:
				if s, ok := v["supported"].(bool); ok {
					out[path] = supportOf(s)
				}
				walk(path+".", v)
			}
		}
	}
	walk("", caps)
	return out
}

func supportOf(b bool) Support {
	if b {
		return Yes
	}
	return No
}

// supportedNames gives the members of a capability group that are supported,
// in the documented order.
func supportedNames(group map[string]any, order []string) []string {
	var names []string
	for _, n := range order {
		if m, ok := group[n].(map[string]any); ok && m["supported"] == true {
			names = append(names, n)
		}
	}
	return names
}

// dateOf parses an RFC 3339 field; nil when absent, null or the epoch
// (the API's marker for an unknown date).
func dateOf(t testing.TB, v any) *time.Time {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("catalog date %q: %v", s, err)
	}
	if d.Unix() == 0 {
		return nil
	}
	d = d.UTC()
	return &d
}
