package anthropicmodels

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Error is every failure of a call: the C library's error, a cancelled or
// expired context, or a closed client. Match its class with errors.Is and a
// sentinel (errors.Is(err, ErrNotFound)); read its details with errors.As.
// It never holds a credential.
type Error struct {
	Status     Status        // the class; each has a sentinel (ErrNotFound, ...)
	HTTPStatus int           // of the failing response; 0 when there was none
	Type       string        // the API's error type ("rate_limit_error"), or ""
	Message    string        // never empty
	RequestID  string        // the failing response's request-id header, or ""
	Attempts   int           // HTTP attempts made, retries included; 0 when nothing was sent
	RetryAfter time.Duration // the delay the server asked for; 0 when it asked for none

	// cause is what errors.Unwrap gives: the context's error or ErrClosed.
	cause error
}

// Error reads "anthropicmodels: not_found (HTTP 404, not_found_error): model:
// x (request-id req_...)", leaving out what the error does not have.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("anthropicmodels: ")
	b.WriteString(e.Status.String())
	if e.HTTPStatus != 0 {
		b.WriteString(" (HTTP ")
		b.WriteString(strconv.Itoa(e.HTTPStatus))
		if e.Type != "" {
			b.WriteString(", ")
			b.WriteString(e.Type)
		}
		b.WriteString(")")
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	if e.RequestID != "" {
		b.WriteString(" (request-id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether target is the sentinel of the error's status, so that
// errors.Is(err, ErrRateLimited) holds for a rate-limited call.
func (e *Error) Is(target error) bool {
	s, ok := target.(statusSentinel)
	return ok && Status(s) == e.Status
}

// Unwrap gives context.Canceled or context.DeadlineExceeded for a call whose
// context ended, ErrClosed for a call cut short by Close, else nil.
func (e *Error) Unwrap() error { return e.cause }

// statusSentinel is the type of the exported sentinels: one value per status.
type statusSentinel Status

func (s statusSentinel) Error() string { return "anthropicmodels: " + Status(s).String() }

// Sentinels, one per C status, for errors.Is.
var (
	ErrInvalidArgument  error = statusSentinel(StatusInvalidArgument)
	ErrBadRequest       error = statusSentinel(StatusBadRequest)
	ErrAuthentication   error = statusSentinel(StatusAuthentication)
	ErrPermission       error = statusSentinel(StatusPermission)
	ErrNotFound         error = statusSentinel(StatusNotFound)
	ErrConflict         error = statusSentinel(StatusConflict)
	ErrRequestTooLarge  error = statusSentinel(StatusRequestTooLarge)
	ErrRateLimited      error = statusSentinel(StatusRateLimited)
	ErrOverloaded       error = statusSentinel(StatusOverloaded)
	ErrServer           error = statusSentinel(StatusServer)
	ErrHTTP             error = statusSentinel(StatusHTTP)
	ErrTimeout          error = statusSentinel(StatusTimeout)
	ErrConnection       error = statusSentinel(StatusConnection)
	ErrTLS              error = statusSentinel(StatusTLS)
	ErrDecode           error = statusSentinel(StatusDecode)
	ErrResponseTooLarge error = statusSentinel(StatusResponseTooLarge)
	ErrCancelled        error = statusSentinel(StatusCancelled)
	ErrOutOfMemory      error = statusSentinel(StatusOutOfMemory)
	ErrInternal         error = statusSentinel(StatusInternal)
	ErrPagination       error = statusSentinel(StatusPagination)
	ErrNotCached        error = statusSentinel(StatusNotCached)
)

// ErrClosed is wrapped by the error of a call made after Close, or in flight
// when Close ran (whose Status is StatusCancelled).
var ErrClosed = errors.New("anthropicmodels: the client is closed")

// invalidArgument is an error about the caller's input, found before anything was sent.
func invalidArgument(message string) *Error {
	return &Error{Status: StatusInvalidArgument, Message: message}
}

// closedError is the error of a call that met a closed client.
func closedError() *Error {
	return &Error{Status: StatusCancelled, Message: "the client is closed", cause: ErrClosed}
}

// contextError is the error of a call whose context ended: StatusTimeout for
// an expired deadline, StatusCancelled otherwise, wrapping ctxErr.
func contextError(ctxErr error) *Error {
	status := StatusCancelled
	if errors.Is(ctxErr, context.DeadlineExceeded) {
		status = StatusTimeout
	}
	return &Error{Status: status, Message: ctxErr.Error(), cause: ctxErr}
}
