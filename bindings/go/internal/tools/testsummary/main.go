// Command testsummary reads the event stream of `go test -json` on stdin,
// prints the output of every failed test and package, and ends with one
// line: "go test: N passed, N failed". A skipped test counts as failed (the
// suite has no reason to skip), and so does a package that failed without a
// failed test (a build error, a crash, TestMain refusing to run). It exits
// non-zero when anything failed.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	outputs := map[string][]string{} // by "package test" (test "" for the package)
	passed, failed := 0, 0
	failedTests := map[string]int{} // by package
	var failures []string
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	for in.Scan() {
		var e event
		if err := json.Unmarshal(in.Bytes(), &e); err != nil {
			fmt.Println(in.Text()) // not an event: a build error on the stream
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			outputs[key] = append(outputs[key], e.Output)
		case "pass":
			if e.Test != "" {
				passed++
			} else {
				fmt.Printf("ok   %s\n", e.Package)
			}
		case "fail", "skip":
			if e.Test != "" {
				failed++
				failedTests[e.Package]++
				failures = append(failures, key)
				continue
			}
			if e.Action == "skip" { // a package without tests
				fmt.Printf("--   %s (no tests)\n", e.Package)
				continue
			}
			fmt.Printf("FAIL %s\n", e.Package)
			if failedTests[e.Package] == 0 {
				failed++
				failures = append(failures, key)
			}
		}
	}
	for _, key := range failures {
		fmt.Printf("\n=== %s\n%s", key, strings.Join(outputs[key], ""))
	}
	fmt.Printf("go test: %d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		os.Exit(1)
	}
}
