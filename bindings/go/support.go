package anthropicmodels

import "strconv"

// Support is the tri-state answer to "does the model support this capability",
// the C library's am_support. The values are the C values.
type Support int32

const (
	No      Support = 0  // the server says the model does not support it
	Yes     Support = 1  // the server says the model supports it
	Unknown Support = -1 // the server did not say (older servers omit capabilities)
)

// String gives "yes", "no" or "unknown" ("support(N)" for any other value).
func (s Support) String() string {
	switch s {
	case Yes:
		return "yes"
	case No:
		return "no"
	case Unknown:
		return "unknown"
	}
	return "support(" + strconv.Itoa(int(s)) + ")"
}
