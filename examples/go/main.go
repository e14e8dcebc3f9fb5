// Command list-image-models lists every model the API offers (active,
// deprecated and retired) and prints which accept image input, with their
// token limits.
//
// Configuration comes from the environment: ANTHROPIC_API_KEY (or
// ANTHROPIC_AUTH_TOKEN) and, optionally, ANTHROPIC_BASE_URL.
//
//	go run .
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	anthropicmodels "github.com/anthropic-models/anthropic-models/bindings/go"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "list-image-models:", err)
		if errors.Is(err, anthropicmodels.ErrAuthentication) {
			fmt.Fprintln(os.Stderr, "set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN)")
		}
		os.Exit(1)
	}
}

func run() error {
	// Ctrl-C cancels the request in flight.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	client, err := anthropicmodels.NewClient() // credentials and base URL from the environment
	if err != nil {
		return err
	}
	defer client.Close()

	var yes, no, unknown []*anthropicmodels.Model
	params := &anthropicmodels.ListParams{Lifecycle: []string{"active", "deprecated", "retired"}}
	for m, err := range client.Models(ctx, params) { // fetches page by page
		if err != nil {
			return err
		}
		switch m.Supports(anthropicmodels.CapImageInput) {
		case anthropicmodels.Yes:
			yes = append(yes, m)
		case anthropicmodels.No:
			no = append(no, m)
		default: // the server did not say (older models have no capabilities)
			unknown = append(unknown, m)
		}
	}

	fmt.Printf("%d models; %d accept image input:\n", len(yes)+len(no)+len(unknown), len(yes))
	for _, m := range yes {
		fmt.Printf("  %-28s %-24s input %8s  output %7s%s\n", m.ID, m.DisplayName,
			tokens(m.MaxInputTokens), tokens(m.MaxTokens), lifecycle(m))
	}
	if len(no) > 0 {
		fmt.Printf("no image input: %s\n", ids(no))
	}
	if len(unknown) > 0 {
		fmt.Printf("not reported (older API shape): %s\n", ids(unknown))
	}
	return nil
}

// tokens prints a limit the server may not have sent.
func tokens(n *int64) string {
	if n == nil {
		return "-"
	}
	return strconv.FormatInt(*n, 10)
}

func lifecycle(m *anthropicmodels.Model) string {
	if m.Lifecycle == "" || m.Lifecycle == "active" {
		return ""
	}
	s := "  (" + m.Lifecycle
	if m.RetiresAt != nil {
		verb := ", retires "
		if m.Lifecycle == "retired" {
			verb = ", since "
		}
		s += verb + m.RetiresAt.Format(time.DateOnly)
	}
	return s + ")"
}

func ids(models []*anthropicmodels.Model) string {
	names := make([]string, len(models))
	for i, m := range models {
		names[i] = m.ID
	}
	return strings.Join(names, ", ")
}
