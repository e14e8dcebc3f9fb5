module github.com/anthropic-models/anthropic-models/examples/go

go 1.23

require github.com/anthropic-models/anthropic-models/bindings/go v0.0.0

// The binding from this repository; drop this line once it is published.
replace github.com/anthropic-models/anthropic-models/bindings/go => ../../bindings/go
