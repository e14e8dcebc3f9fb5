// Command benchsummary reads `go test -bench` output on stdin, where each
// benchmark has a C and a Go sub-benchmark measured in the same run, and
// prints the median ns/op of each and the Go/C ratio against its target.
//
//	benchsummary Get=1.2 List=2 < bench.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var line = regexp.MustCompile(`^Benchmark([A-Za-z0-9]+)/(C|Go)(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op`)

func main() {
	targets := map[string]float64{}
	var names []string
	for _, arg := range os.Args[1:] {
		name, v, ok := strings.Cut(arg, "=")
		t, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil {
			fmt.Fprintf(os.Stderr, "benchsummary: %q is not NAME=RATIO\n", arg)
			os.Exit(2)
		}
		targets[name] = t
		names = append(names, name)
	}
	samples := map[string][]float64{} // by "Name/Variant"
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if m := line.FindStringSubmatch(in.Text()); m != nil {
			ns, _ := strconv.ParseFloat(m[3], 64)
			samples[m[1]+"/"+m[2]] = append(samples[m[1]+"/"+m[2]], ns)
		}
	}
	missing := false
	for _, name := range names {
		c, g := samples[name+"/C"], samples[name+"/Go"]
		if len(c) == 0 || len(g) == 0 {
			fmt.Printf("%-16s no samples for C (%d) or Go (%d)\n", name, len(c), len(g))
			missing = true
			continue
		}
		mc, mg := median(c), median(g)
		verdict := "meets"
		if mg/mc > targets[name] {
			verdict = "MISSES"
		}
		fmt.Printf("%-16s C %12s   Go %12s   Go/C %.2fx  (%s the target of %.1fx; medians of %d and %d runs)\n",
			name, human(mc), human(mg), mg/mc, verdict, targets[name], len(c), len(g))
	}
	if missing {
		os.Exit(1)
	}
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// human prints nanoseconds per operation in a readable unit.
func human(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms/op", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs/op", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns/op", ns)
}
