// Package anthropicmodels is a Go client for Anthropic's Models API
// (GET /v1/models and GET /v1/models/{model_id}) over the anthropic_models C
// library.
//
// A Client is safe for use by many goroutines at once. Every call runs on the
// client's single worker thread in the C library, which drives all requests in
// flight over kept-alive connections; the calling goroutine waits in Go (on a
// channel and its context), never in a blocking C call, so thousands of calls
// in flight cost goroutines, not OS threads. A context that is cancelled or
// expires cancels the C request at once.
//
// Models, pages and errors are plain Go values copied out of the C library:
// they stay valid after the client is closed and hold no C memory. A
// ModelList (Client.Catalog) also keeps the C library's list, so its
// selection helpers run in C; a finalizer frees it once it is unreachable.
//
// The client can cache listings and models in memory and on disk
// (WithCacheTTL, WithCacheDir), serve a stale listing when a refresh fails,
// and run offline (WithOffline, ErrNotCached); a ModelList tells whether its
// answer came from the cache (FromCache, Stale, Age).
//
// Capabilities are tri-state (Yes, No, Unknown): Unknown means the server did
// not say, which older servers do for every capability. Any capability can be
// asked for by its dotted path ("effort.xhigh"), including ones the API adds
// after this release; Model.Capabilities holds every path the server reported.
//
// The package needs cgo. It links the shared library through pkg-config
// (package anthropic_models); the build tag anthropic_models_static links the
// static archive instead (package anthropic_models-static).
package anthropicmodels
