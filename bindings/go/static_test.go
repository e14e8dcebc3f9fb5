package anthropicmodels

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// cgoStaticLDFlagsAllow lets cgo accept the -Wl,--exclude-libs flag that
// anthropic_models-static.pc puts on its Libs line (cgo refuses linker flags
// outside its allow-list). See README.md, "Static linking".
const cgoStaticLDFlagsAllow = `-Wl,--exclude-libs,libanthropic_models\.a`

// The anthropic_models_static tag links the archive: the program runs with no
// libanthropic_models.so to be found, and ldd does not list it.
func TestStaticBuildTagNeedsNoSharedLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and links a program: skipped with -short")
	}
	probe := filepath.Join(t.TempDir(), "staticprobe")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-tags", "anthropic_models_static",
		"-o", probe, "./testdata/staticprobe")
	build.Env = append(os.Environ(), "CGO_ENABLED=1", "CGO_LDFLAGS_ALLOW="+cgoStaticLDFlagsAllow)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags anthropic_models_static: %v\n%s", err, out)
	}
	ldd, err := exec.Command("ldd", probe).CombinedOutput()
	if err != nil {
		t.Fatalf("ldd: %v\n%s", err, ldd)
	}
	if strings.Contains(string(ldd), "libanthropic_models") {
		t.Fatalf("the static build links the shared library:\n%s", ldd)
	}
	run := exec.Command(probe)
	run.Env = []string{"ANTHROPIC_BASE_URL=" + mock.URL, "ANTHROPIC_API_KEY=" + testKey} // no LD_LIBRARY_PATH
	out, err := run.CombinedOutput()
	want := fmt.Sprintf("%d models, newest claude-opus-4-6\n", len(readCatalog(t).defaultIDs()))
	if err != nil || string(out) != want {
		t.Fatalf("staticprobe: %v: %q, want %q", err, out, want)
	}
}
