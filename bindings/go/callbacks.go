package anthropicmodels

// The functions the C library calls on the client's worker thread. No Go
// panic may unwind into C: each recovers, and a request's waiter is still
// woken (the release callback runs in any case).

// #include "bridge.h"
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// handleFrom gives the value behind a cgo.Handle passed as userdata.
func handleFrom(userdata unsafe.Pointer) cgo.Handle { return cgo.Handle(uintptr(userdata)) }

//export amgoRequestFinished
func amgoRequestFinished(req *C.am_request, userdata unsafe.Pointer) {
	defer func() { _ = recover() }()
	p := handleFrom(userdata).Value().(*pending)
	r := C.amgo_take(req, p.kind)
	countResult(r)
	p.finished(r)
}

//export amgoRequestReleased
func amgoRequestReleased(userdata unsafe.Pointer) {
	defer func() { _ = recover() }()
	h := handleFrom(userdata)
	p := h.Value().(*pending)
	releaseHandle(h)
	p.released()
}

//export amgoLog
func amgoLog(level C.am_log_level, message *C.char, userdata unsafe.Pointer) {
	// A panicking slog handler is the host's bug; it must not crash the
	// process from inside C, and there is nowhere else to report it.
	defer func() { _ = recover() }()
	handleFrom(userdata).Value().(*logBridge).log(int32(level), C.GoString(message))
}

//export amgoLogReleased
func amgoLogReleased(userdata unsafe.Pointer) {
	defer func() { _ = recover() }()
	releaseHandle(handleFrom(userdata))
}

// countResult counts the handles a taken result holds.
func countResult(r C.amgo_result) {
	if r.model != nil {
		live.models.Add(1)
	}
	if r.list != nil {
		live.lists.Add(1)
	}
}
