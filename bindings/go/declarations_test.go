package anthropicmodels

// The binding's constants against the installed header ($AM_PREFIX/include)
// and the loaded library: a value added, removed or renumbered in C fails here.

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/anthropic-models/anthropic-models/bindings/go/internal/cref"
)

// headerConstants reads every enumerator and integer #define of the header.
func headerConstants(t *testing.T) map[string]int64 {
	t.Helper()
	path := filepath.Join(testEnv.prefix, "include", "anthropic_models.h")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]int64{}
	enumerator := regexp.MustCompile(`\b(AM_[A-Z0-9_]+)\s*=\s*(-?\d+)\b`) // also several on one line
	define := regexp.MustCompile(`(?m)^#define\s+(AM_[A-Z0-9_]+)\s+(-?\d+)\s*$`)
	for _, re := range []*regexp.Regexp{enumerator, define} {
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			v, _ := strconv.ParseInt(m[2], 10, 64)
			consts[m[1]] = v
		}
	}
	if len(consts) < 50 {
		t.Fatalf("only %d constants read from %s", len(consts), path)
	}
	return consts
}

// withPrefix keeps the constants whose name starts with prefix.
func withPrefix(all map[string]int64, prefix string, except ...string) map[string]int64 {
	out := map[string]int64{}
	for k, v := range all {
		if strings.HasPrefix(k, prefix) && !slices.Contains(except, k) {
			out[k] = v
		}
	}
	return out
}

// compare reports every name whose value differs, or that only one side has.
func compare(t *testing.T, what string, header, binding map[string]int64) {
	t.Helper()
	for name, v := range header {
		if b, ok := binding[name]; !ok {
			t.Errorf("%s: the header has %s = %d, the binding has no constant for it", what, name, v)
		} else if b != v {
			t.Errorf("%s: %s is %d in the header, %d in the binding", what, name, v, b)
		}
	}
	for name, b := range binding {
		if _, ok := header[name]; !ok {
			t.Errorf("%s: the binding has %s = %d, the header does not", what, name, b)
		}
	}
}

func TestDeclarationsMatchTheHeader(t *testing.T) {
	h := headerConstants(t)

	statuses := map[string]int64{"AM_OK": int64(StatusOK)}
	cNames := map[Status]string{
		StatusInvalidArgument: "INVALID_ARGUMENT", StatusBadRequest: "BAD_REQUEST",
		StatusAuthentication: "AUTHENTICATION", StatusPermission: "PERMISSION", StatusNotFound: "NOT_FOUND",
		StatusConflict: "CONFLICT", StatusRequestTooLarge: "REQUEST_TOO_LARGE", StatusRateLimited: "RATE_LIMITED",
		StatusOverloaded: "OVERLOADED", StatusServer: "SERVER", StatusHTTP: "HTTP", StatusTimeout: "TIMEOUT",
		StatusConnection: "CONNECTION", StatusTLS: "TLS", StatusDecode: "DECODE",
		StatusResponseTooLarge: "RESPONSE_TOO_LARGE", StatusCancelled: "CANCELLED",
		StatusOutOfMemory: "OUT_OF_MEMORY", StatusInternal: "INTERNAL", StatusPagination: "PAGINATION",
		StatusNotCached: "NOT_CACHED",
	}
	for s, name := range cNames {
		statuses["AM_ERR_"+name] = int64(s)
	}
	if len(cNames)+1 != len(statusNames) {
		t.Errorf("%d C names for %d statuses", len(cNames), len(statusNames)-1)
	}
	header := withPrefix(h, "AM_ERR_")
	header["AM_OK"] = h["AM_OK"]
	compare(t, "status", header, statuses)

	compare(t, "support", withPrefix(h, "AM_SUPPORT_"),
		map[string]int64{"AM_SUPPORT_NO": int64(No), "AM_SUPPORT_YES": int64(Yes), "AM_SUPPORT_UNKNOWN": int64(Unknown)})

	caps := map[string]int64{}
	for _, c := range KnownCapabilities() {
		caps["AM_CAP_"+strings.ToUpper(strings.ReplaceAll(c.String(), ".", "_"))] = int64(c)
	}
	compare(t, "capability", withPrefix(h, "AM_CAP_", "AM_CAP_COUNT", "AM_CAP_COUNT_"), caps)
	if h["AM_CAP_COUNT"] != int64(len(capabilityPaths)) {
		t.Errorf("AM_CAP_COUNT is %d, the binding knows %d capabilities", h["AM_CAP_COUNT"], len(capabilityPaths)-1)
	}

	compare(t, "log level", withPrefix(h, "AM_LOG_"), map[string]int64{
		"AM_LOG_DEBUG": int64(logDebug), "AM_LOG_INFO": int64(logInfo), "AM_LOG_WARN": int64(logWarn), "AM_LOG_ERROR": int64(logError),
	})

	if h["AM_ABI_VERSION"] != abiVersion {
		t.Errorf("AM_ABI_VERSION is %d, the binding was written for %d", h["AM_ABI_VERSION"], abiVersion)
	}
}

func TestNamesMatchTheLibrary(t *testing.T) {
	for s := Status(0); int(s) < len(statusNames); s++ {
		if got, want := s.String(), cref.StatusName(int32(s)); got != want {
			t.Errorf("status %d: %q, the library says %q", s, got, want)
		}
	}
	for _, c := range KnownCapabilities() {
		if got, want := c.String(), cref.CapabilityPath(int32(c)); got != want {
			t.Errorf("capability %d: %q, the library says %q", c, got, want)
		}
	}
	if Capability(len(capabilityPaths)).String() != "capability(25)" || Status(99).String() != "status(99)" ||
		Support(5).String() != "support(5)" || Yes.String() != "yes" || No.String() != "no" || Unknown.String() != "unknown" {
		t.Error("names of unknown values or of Support")
	}
}

func TestABIVersionIsChecked(t *testing.T) {
	if got := cref.ABIVersion(); got != abiVersion {
		t.Fatalf("the loaded library has ABI %d, the binding %d", got, abiVersion)
	}
	if err := checkABI(abiVersion); err != nil {
		t.Fatal(err)
	}
	err := checkABI(abiVersion + 1)
	if err == nil || !strings.Contains(err.Error(), "ABI version 2") || !strings.Contains(err.Error(), "ABI version 1") ||
		!errors.Is(err, ErrABIMismatch) {
		t.Fatalf("mismatch: %v", err)
	}
}
