//go:build cgo && anthropic_models_static

package anthropicmodels

// The static archive, so the program needs no libanthropic_models.so at run
// time. "--static" makes pkg-config name what the archive itself needs
// (libcurl and its dependencies, the C++ runtime); cgo passes arguments that
// start with "--" to pkg-config.

// #cgo pkg-config: --static anthropic_models-static
import "C"
