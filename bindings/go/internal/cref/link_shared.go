//go:build !anthropic_models_static

package cref

// #cgo pkg-config: anthropic_models
import "C"
