// Command staticprobe lists the models of ANTHROPIC_BASE_URL and prints how
// many there are: the static build test builds it with the
// anthropic_models_static tag and runs it without the shared library.
package main

import (
	"context"
	"fmt"
	"os"

	anthropicmodels "github.com/anthropic-models/anthropic-models/bindings/go"
)

func main() {
	c, err := anthropicmodels.NewClient()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer c.Close()
	models, err := c.ListAll(context.Background(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d models, newest %s\n", len(models), models[0].ID)
}
