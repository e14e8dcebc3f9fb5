package anthropicmodels

// The bridge from the C library's log hook to log/slog.

// #include "bridge.h"
import "C"

import (
	"context"
	"log/slog"
	"runtime/cgo"
)

// logBridge is what the C log hook's userdata refers to.
type logBridge struct {
	logger *slog.Logger
}

// setLogger installs the log hook; the hook's release callback frees the
// cgo.Handle when the client is freed.
func setLogger(client *C.am_client, logger *slog.Logger) error {
	h := cgo.NewHandle(&logBridge{logger: logger})
	live.callbacks.Add(1)
	var cerr *C.am_error
	if status := C.amgo_set_log_callback(client, C.uintptr_t(h), &cerr); status != C.AM_OK {
		releaseHandle(h) // the library did not take it
		return errorFromC(status, cerr)
	}
	return nil
}

// log emits one record for a line of the library (on the worker thread).
func (b *logBridge) log(level int32, line string) {
	ctx := context.Background()
	l := slogLevel(level)
	if !b.logger.Enabled(ctx, l) {
		return
	}
	b.logger.LogAttrs(ctx, l, line, lineAttrs(line)...)
}
