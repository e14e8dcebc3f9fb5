package anthropicmodels

import "sync/atomic"

// live counts what the binding holds of the C library (handles) and of the Go
// runtime on the C library's behalf (cgo.Handles given as userdata), so the
// tests can check that everything is released. The cost is one atomic add
// per handle. Errors are not counted: each is converted and freed where it
// is received.
var live struct {
	clients, options, params, requests, lists, models atomic.Int64
	callbacks                                         atomic.Int64 // cgo.Handles
}

// liveCounts gives the counts by name (for tests and their messages).
func liveCounts() map[string]int64 {
	return map[string]int64{
		"clients":   live.clients.Load(),
		"options":   live.options.Load(),
		"params":    live.params.Load(),
		"requests":  live.requests.Load(),
		"lists":     live.lists.Load(),
		"models":    live.models.Load(),
		"callbacks": live.callbacks.Load(),
	}
}
