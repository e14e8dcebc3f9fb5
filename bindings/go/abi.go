package anthropicmodels

import (
	"errors"
	"fmt"
)

// abiVersion is the AM_ABI_VERSION of the header this binding was written
// for; the library's am_abi_version() must match it.
const abiVersion = 1

// ErrABIMismatch is wrapped by NewClient's error when the C library it loaded
// has another ABI version than the binding was written for.
var ErrABIMismatch = errors.New("anthropicmodels: C library ABI mismatch")

// checkABI compares the loaded library's ABI version with abiVersion.
func checkABI(library int32) error {
	if library == abiVersion {
		return nil
	}
	return fmt.Errorf("%w: the loaded libanthropic_models has ABI version %d, this binding was written for ABI version %d; "+
		"install a library with ABI %d (libanthropic_models.so.%d) or a binding for ABI %d",
		ErrABIMismatch, library, abiVersion, abiVersion, abiVersion, library)
}
