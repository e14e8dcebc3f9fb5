//go:build anthropic_models_bench

package anthropicmodels

// The benchmarks, each against its C baseline measured in the same
// run; bench.sh prints the medians and the ratios. Run with
// -tags anthropic_models_bench.

import (
	"context"
	"testing"
	"time"

	"github.com/anthropic-models/anthropic-models/bindings/go/internal/cref"
)

const benchModels = 1000 // one page of the --synthetic 1000 catalog

// readEveryField reads every field of every model of a page, as the C
// baseline does through the accessors (string lengths, numbers, dates,
// every effort level, thinking type and capability), into a checksum.
func readEveryField(p *Page) uint64 {
	sum := uint64(len(p.FirstID) + len(p.LastID))
	if p.HasMore {
		sum++
	}
	for _, m := range p.Models {
		sum += uint64(len(m.ID) + len(m.DisplayName) + len(m.Type) + len(m.Lifecycle) + len(m.Line) + len(m.RawJSON))
		if !m.CreatedAt.IsZero() {
			sum += uint64(m.CreatedAt.Unix())
		}
		for _, d := range []*time.Time{m.DeprecatedAt, m.RetiresAt} {
			if d != nil {
				sum += uint64(d.Unix())
			}
		}
		for _, n := range []*int64{m.MaxInputTokens, m.MaxTokens} {
			if n != nil {
				sum += uint64(*n)
			}
		}
		for _, s := range m.EffortLevels {
			sum += uint64(len(s))
		}
		for _, s := range m.ThinkingTypes {
			sum += uint64(len(s))
		}
		for path, s := range m.Capabilities {
			sum += uint64(len(path)) + uint64(s+1)
		}
	}
	return sum
}

var sink uint64 // keeps the reads from being optimised away

func refClient(b *testing.B, srv *mockServer) *cref.Client {
	ref, err := cref.NewClient(srv.URL, testKey)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(ref.Close)
	return ref
}

// BenchmarkReadEveryField: what a Go program pays to read a fetched list
// (the copy into Go values, then the reads) against a C program's reads.
func BenchmarkReadEveryField(b *testing.B) {
	srv := syntheticMock(b)
	c := newClientFor(b, srv)
	list, err := c.benchFetchList(benchModels)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { benchFreeList(list) })
	if n := len(benchConvert(list).Models); n != benchModels {
		b.Fatalf("%d models, want %d", n, benchModels)
	}
	b.Run("C", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink += cref.ReadEveryFieldOf(list)
		}
	})
	b.Run("Go", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sink += readEveryField(benchConvert(list))
		}
	})
}

// BenchmarkList: one page of 1000 models fetched and every field read, end to end.
func BenchmarkList(b *testing.B) {
	srv := syntheticMock(b)
	b.Run("C", func(b *testing.B) {
		ref := refClient(b, srv)
		if _, err := ref.ListAndRead(benchModels, 1); err != nil { // warm connection
			b.Fatal(err)
		}
		b.ResetTimer()
		sum, err := ref.ListAndRead(benchModels, b.N)
		if err != nil {
			b.Fatal(err)
		}
		sink += sum
	})
	b.Run("Go", func(b *testing.B) {
		c := newClientFor(b, srv)
		ctx := context.Background()
		p := &ListParams{Limit: benchModels}
		if _, err := c.List(ctx, p); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			page, err := c.List(ctx, p)
			if err != nil {
				b.Fatal(err)
			}
			sink += readEveryField(page)
		}
	})
}

// BenchmarkGet: one model by id on a kept-alive connection, Go's Get against
// C's blocking am_model_get, on the same server.
func BenchmarkGet(b *testing.B) {
	srv := syntheticMock(b)
	const id = "claude-opus-4-6"
	b.Run("C", func(b *testing.B) {
		ref := refClient(b, srv)
		if err := ref.GetLoop(id, 1); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		if err := ref.GetLoop(id, b.N); err != nil {
			b.Fatal(err)
		}
	})
	b.Run("Go", func(b *testing.B) {
		c := newClientFor(b, srv)
		ctx := context.Background()
		if _, err := c.Get(ctx, id); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			m, err := c.Get(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			sink += uint64(len(m.ID))
		}
	})
}
