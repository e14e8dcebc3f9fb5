package anthropicmodels

// Reading the C library's log lines: their level and their attributes.

import (
	"log/slog"
	"regexp"
	"strconv"
	"time"
)

// The C library's log levels (am_log_level_code).
const (
	logDebug int32 = 0
	logInfo  int32 = 1
	logWarn  int32 = 2
	logError int32 = 3
)

// slogLevel maps a C log level to slog's; an unknown (newer) level is
// reported as an error rather than lost.
func slogLevel(level int32) slog.Level {
	switch level {
	case logDebug:
		return slog.LevelDebug
	case logInfo:
		return slog.LevelInfo
	case logWarn:
		return slog.LevelWarn
	default:
		return slog.LevelError
	}
}

// The library's line for one HTTP attempt:
//
//	GET URL -> OUTCOME in 41.2 ms (attempt 1, request-id req_...)
//
// where OUTCOME is an HTTP status or "status_name: message", either followed
// by ", retrying in N ms". Lines of another shape get no attributes.
var (
	attemptLine = regexp.MustCompile(`^([A-Z]+) (\S+) -> (.*) in ([0-9.]+) ms \(attempt (\d+)(?:, request-id (\S+))?\)$`)
	outcomeRe   = regexp.MustCompile(`^(?:(\d{3})|([a-z_]+): (.*?))(?:, retrying in (\d+) ms)?$`)
)

// lineAttrs gives the attributes of a library log line.
func lineAttrs(line string) []slog.Attr {
	m := attemptLine.FindStringSubmatch(line)
	if m == nil {
		return nil
	}
	attrs := []slog.Attr{slog.String("method", m[1]), slog.String("url", m[2])}
	if o := outcomeRe.FindStringSubmatch(m[3]); o != nil {
		if o[1] != "" {
			status, _ := strconv.Atoi(o[1])
			attrs = append(attrs, slog.Int("status", status))
		} else {
			attrs = append(attrs, slog.String("error", o[2]), slog.String("error_message", o[3]))
		}
		if o[4] != "" {
			ms, _ := strconv.Atoi(o[4])
			attrs = append(attrs, slog.Duration("retry_in", time.Duration(ms)*time.Millisecond))
		}
	}
	if ms, err := strconv.ParseFloat(m[4], 64); err == nil {
		attrs = append(attrs, slog.Duration("elapsed", time.Duration(ms*float64(time.Millisecond))))
	}
	attempt, _ := strconv.Atoi(m[5])
	attrs = append(attrs, slog.Int("attempt", attempt))
	if m[6] != "" {
		attrs = append(attrs, slog.String("request_id", m[6]))
	}
	return attrs
}
