//go:build anthropic_models_static

package cref

// #cgo pkg-config: --static anthropic_models-static
import "C"
