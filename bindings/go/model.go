package anthropicmodels

import (
	"encoding/json"
	"time"
)

// Model is one model as the server described it, copied out of the C library:
// a plain value that stays valid after the client is closed.
type Model struct {
	ID             string     // canonical id, also when fetched by alias
	DisplayName    string     // "" when absent
	Type           string     // "model"
	CreatedAt      time.Time  // UTC; the zero Time when unknown
	MaxInputTokens *int64     // nil when the server did not send it
	MaxTokens      *int64     // nil when the server did not send it
	Lifecycle      string     // "active", "deprecated", "retired" (or newer); "" when absent
	Line           string     // "haiku", "sonnet", "opus", ...; "" when absent
	DeprecatedAt   *time.Time // UTC; nil when absent
	RetiresAt      *time.Time // UTC; nil when absent
	EffortLevels   []string   // supported effort levels: "low", "medium", "high", "max", "xhigh", then newer ones
	ThinkingTypes  []string   // supported thinking types: "adaptive", "enabled", "disabled", "between_tools", then newer ones

	// Capabilities holds every capability path the server reported with its
	// support, groups ("thinking") as well as members
	// ("thinking.types.adaptive"), including paths newer than this release.
	// Empty when the server sent no capabilities.
	Capabilities map[string]Support

	// RawJSON is the model object with every field the server sent, unknown ones too.
	RawJSON json.RawMessage
}

// Supports gives the model's support of a known capability; Unknown when the
// server did not say.
func (m *Model) Supports(c Capability) Support {
	if c <= 0 || int(c) >= len(capabilityPaths) {
		return Unknown
	}
	return m.SupportsPath(capabilityPaths[c])
}

// SupportsPath gives the model's support of any capability by dotted path
// below "capabilities" ("effort.xhigh", "thinking.types.adaptive"), including
// ones added to the API after this release; Unknown when the server did not say.
func (m *Model) SupportsPath(path string) Support {
	if s, ok := m.Capabilities[path]; ok {
		return s
	}
	return Unknown
}

// Page is one page of the model list, newest first.
type Page struct {
	Models  []*Model
	FirstID string // the first model's id: the before_id of the page before this one
	LastID  string // the last model's id: the after_id of the page after this one
	HasMore bool   // more models in the direction the page was requested
}

// ListParams selects models for List, ListAll, Catalog and Models. The zero
// value (or a nil *ListParams) lists active and deprecated models with the
// defaults.
type ListParams struct {
	// Limit is the page size, 1..1000; 0 leaves the default: the server's
	// (20) for List and Models, 1000 for ListAll and Catalog.
	Limit int
	// AfterID and BeforeID are exclusive cursors (at most one may be set):
	// models older than AfterID, or newer than BeforeID. ListAll, Catalog
	// and Models walk backwards (towards newer models) when BeforeID is set.
	AfterID, BeforeID string
	// Lifecycle filters by stage ("active", "deprecated", "retired"); empty
	// lists active and deprecated models.
	Lifecycle []string
	// Beta asks for the beta variant of the list (?beta=true).
	Beta bool
	// MaxPages makes ListAll, Catalog and Models fail with ErrPagination
	// after this many pages, never returning a silently partial list; 0
	// means 1000.
	MaxPages int
	// Refresh makes ListAll and Catalog bypass the client's cache (see
	// WithCacheTTL) for this call: the listing is fetched, sharing a request
	// already in flight, and replaces the cached one. Without a cache, and in
	// offline mode, it changes nothing; List and Models are never cached.
	Refresh bool
}
