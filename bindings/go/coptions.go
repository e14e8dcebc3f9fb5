package anthropicmodels

// Turns the collected options into the C library's am_options. The library
// validates values (URLs, header names, ranges) and its error is returned as
// is; Go-only checks are strings with NUL bytes (C would cut them short) and
// negative durations.

/*
#include <stdlib.h>
#include "anthropic_models.h"
*/
import "C"

import (
	"fmt"
	"strings"
	"time"
	"unsafe"
)

// cString copies s into C memory for a call; free it with C.free. It refuses
// a NUL byte, which C would take for the end of the string.
func cString(what, s string) (*C.char, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, invalidArgument(what + " contains a NUL byte")
	}
	return C.CString(s), nil
}

// check converts a failed setter's status and error.
func check(status C.am_status, cerr *C.am_error) error {
	if status == C.AM_OK {
		return nil
	}
	return errorFromC(status, cerr)
}

// millis converts a duration to whole milliseconds, rounding up so that a
// positive duration never becomes 0 (which means "none" to the library).
func millis(what string, d time.Duration) (C.int64_t, error) {
	if d < 0 {
		return 0, invalidArgument(fmt.Sprintf("%s must not be negative (got %v)", what, d))
	}
	ms := d / time.Millisecond
	if d%time.Millisecond != 0 {
		ms++
	}
	return C.int64_t(ms), nil
}

// withInt32 runs a C setter with n, converting its error. The library checks
// the range; a value that does not fit int32_t is refused here, not wrapped.
func withInt32(what string, n int, set func(C.int32_t, **C.am_error) C.am_status) error {
	if int(int32(n)) != n {
		return invalidArgument(fmt.Sprintf("%s is out of range (got %d)", what, n))
	}
	var cerr *C.am_error
	return check(set(C.int32_t(n), &cerr), cerr)
}

// newCOptions builds the am_options for NewClient; the caller frees it.
func (cfg *config) newCOptions() (*C.am_options, error) {
	o := C.am_options_new()
	if o == nil {
		return nil, &Error{Status: StatusOutOfMemory, Message: "out of memory"}
	}
	live.options.Add(1)
	if err := cfg.apply(o); err != nil {
		freeOptions(o)
		return nil, err
	}
	return o, nil
}

func freeOptions(o *C.am_options) {
	C.am_options_free(o)
	live.options.Add(-1)
}

func (cfg *config) apply(o *C.am_options) error {
	for _, s := range cfg.strings {
		if err := setString(o, s); err != nil {
			return err
		}
	}
	for _, b := range cfg.betas {
		if err := withCString("beta", b, func(cs *C.char, cerr **C.am_error) C.am_status {
			return C.am_options_add_beta(o, cs, cerr)
		}); err != nil {
			return err
		}
	}
	for _, h := range cfg.headers {
		if err := addHeader(o, h[0], h[1]); err != nil {
			return err
		}
	}
	for _, d := range cfg.durations {
		if err := setDuration(o, d); err != nil {
			return err
		}
	}
	if cfg.maxRetries != nil {
		if err := withInt32("max retries", *cfg.maxRetries, func(n C.int32_t, cerr **C.am_error) C.am_status {
			return C.am_options_set_max_retries(o, n, cerr)
		}); err != nil {
			return err
		}
	}
	if cfg.maxResponseBytes != nil {
		var cerr *C.am_error
		if err := check(C.am_options_set_max_response_bytes(o, C.int64_t(*cfg.maxResponseBytes), &cerr), cerr); err != nil {
			return err
		}
	}
	if cfg.ignoreEnv {
		C.am_options_set_ignore_env(o, 1)
	}
	if cfg.betaVariant {
		C.am_options_set_beta_variant(o, 1)
	}
	if cfg.staleWhileReval {
		C.am_options_set_cache_stale_while_revalidate(o, 1)
	}
	if cfg.offline {
		C.am_options_set_offline(o, 1)
	}
	// Completions run on the worker and wake the waiting goroutine; nothing
	// in this binding calls am_client_dispatch.
	C.am_options_set_callbacks_on_worker(o, 1)
	return nil
}

// withCString runs a C setter with s as a C string, converting its error.
func withCString(what, s string, set func(*C.char, **C.am_error) C.am_status) error {
	cs, err := cString(what, s)
	if err != nil {
		return err
	}
	defer C.free(unsafe.Pointer(cs))
	var cerr *C.am_error
	return check(set(cs, &cerr), cerr)
}

var stringSettingNames = map[stringKey]string{
	keyAPIKey: "API key", keyAuthToken: "auth token", keyBaseURL: "base URL", keyAPIVersion: "API version",
	keyWorkspaceID: "workspace id", keyProxy: "proxy", keyCABundle: "CA bundle path",
	keyUserAgentSuffix: "user agent suffix", keyCacheDir: "cache directory",
}

func setString(o *C.am_options, s stringSetting) error {
	return withCString(stringSettingNames[s.key], s.value, func(cs *C.char, cerr **C.am_error) C.am_status {
		switch s.key {
		case keyAPIKey:
			return C.am_options_set_api_key(o, cs, cerr)
		case keyAuthToken:
			return C.am_options_set_auth_token(o, cs, cerr)
		case keyBaseURL:
			return C.am_options_set_base_url(o, cs, cerr)
		case keyAPIVersion:
			return C.am_options_set_api_version(o, cs, cerr)
		case keyWorkspaceID:
			return C.am_options_set_workspace_id(o, cs, cerr)
		case keyProxy:
			return C.am_options_set_proxy(o, cs, cerr)
		case keyCABundle:
			return C.am_options_set_ca_bundle(o, cs, cerr)
		case keyCacheDir:
			return C.am_options_set_cache_dir(o, cs, cerr)
		default: // keyUserAgentSuffix
			return C.am_options_set_user_agent_suffix(o, cs, cerr)
		}
	})
}

func addHeader(o *C.am_options, name, value string) error {
	cname, err := cString("header name", name)
	if err != nil {
		return err
	}
	defer C.free(unsafe.Pointer(cname))
	return withCString("header value", value, func(cv *C.char, cerr **C.am_error) C.am_status {
		return C.am_options_add_header(o, cname, cv, cerr)
	})
}

var durationSettingNames = map[durationKey]string{
	keyTimeout: "timeout", keyConnectTimeout: "connect timeout", keyDeadline: "deadline",
	keyRetryAfterCap: "retry-after cap", keyCacheTTL: "cache TTL",
}

func setDuration(o *C.am_options, d durationSetting) error {
	ms, err := millis(durationSettingNames[d.key], d.value)
	if err != nil {
		return err
	}
	var cerr *C.am_error
	var status C.am_status
	switch d.key {
	case keyTimeout:
		status = C.am_options_set_timeout_ms(o, ms, &cerr)
	case keyConnectTimeout:
		status = C.am_options_set_connect_timeout_ms(o, ms, &cerr)
	case keyDeadline:
		status = C.am_options_set_deadline_ms(o, ms, &cerr)
	case keyCacheTTL:
		status = C.am_options_set_cache_ttl_ms(o, ms, &cerr)
	default: // keyRetryAfterCap
		status = C.am_options_set_retry_after_cap_ms(o, ms, &cerr)
	}
	return check(status, cerr)
}
