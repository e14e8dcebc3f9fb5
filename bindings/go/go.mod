module github.com/anthropic-models/anthropic-models/bindings/go

go 1.23
