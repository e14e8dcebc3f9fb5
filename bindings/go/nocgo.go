//go:build !cgo

package anthropicmodels

// The binding calls the C library through cgo, so a build without cgo stops
// here, at compile time, with the reason in the compiler's message (the
// constant expression below is invalid on purpose).
const _ = "anthropicmodels requires cgo: build with CGO_ENABLED=1 and a C compiler" + 0
