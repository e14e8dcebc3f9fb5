//go:build cgo && !anthropic_models_static

package anthropicmodels

// The shared library, found through its installed pkg-config file: point
// PKG_CONFIG_PATH at PREFIX/lib/pkgconfig for a non-system prefix.

// #cgo pkg-config: anthropic_models
import "C"
