package anthropicmodels

import "strconv"

// Status is the class of a failure, the C library's am_status. The values are
// the C values; new ones may be added.
type Status int32

// The statuses of the C library (am_status_code).
const (
	StatusOK               Status = 0
	StatusInvalidArgument  Status = 1  // bad input from the caller; nothing was sent
	StatusBadRequest       Status = 2  // HTTP 400 or 422
	StatusAuthentication   Status = 3  // HTTP 401, or no credential configured (HTTPStatus 0)
	StatusPermission       Status = 4  // HTTP 403
	StatusNotFound         Status = 5  // HTTP 404
	StatusConflict         Status = 6  // HTTP 409
	StatusRequestTooLarge  Status = 7  // HTTP 413
	StatusRateLimited      Status = 8  // HTTP 429
	StatusOverloaded       Status = 9  // HTTP 529
	StatusServer           Status = 10 // any other HTTP 5xx
	StatusHTTP             Status = 11 // any other HTTP status (3xx, 408, other 4xx)
	StatusTimeout          Status = 12 // per-attempt timeout, overall deadline, or an expired context
	StatusConnection       Status = 13 // connect, reset, truncated or failed transfer
	StatusTLS              Status = 14 // TLS handshake or certificate verification
	StatusDecode           Status = 15 // malformed JSON or a field of the wrong type
	StatusResponseTooLarge Status = 16 // body exceeded the maximum response size
	StatusCancelled        Status = 17 // cancelled context, or the client was closed
	StatusOutOfMemory      Status = 18
	StatusInternal         Status = 19 // a bug in the library; please report it
	StatusPagination       Status = 20 // a repeated cursor, has_more without a cursor, or the page cap
	StatusNotCached        Status = 21 // offline (WithOffline) and nothing cached answers; nothing was sent
)

// statusNames are the C library's am_status_name values, indexed by Status.
var statusNames = [...]string{
	StatusOK:               "ok",
	StatusInvalidArgument:  "invalid_argument",
	StatusBadRequest:       "bad_request",
	StatusAuthentication:   "authentication",
	StatusPermission:       "permission",
	StatusNotFound:         "not_found",
	StatusConflict:         "conflict",
	StatusRequestTooLarge:  "request_too_large",
	StatusRateLimited:      "rate_limited",
	StatusOverloaded:       "overloaded",
	StatusServer:           "server_error",
	StatusHTTP:             "http_error",
	StatusTimeout:          "timeout",
	StatusConnection:       "connection",
	StatusTLS:              "tls",
	StatusDecode:           "decode",
	StatusResponseTooLarge: "response_too_large",
	StatusCancelled:        "cancelled",
	StatusOutOfMemory:      "out_of_memory",
	StatusInternal:         "internal",
	StatusPagination:       "pagination",
	StatusNotCached:        "not_cached",
}

// String gives the C library's name of the status ("rate_limited"), or
// "status(N)" for a value this release does not know.
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}
