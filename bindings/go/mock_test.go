package anthropicmodels

// The local API server (am-mock-server) as the tests use it: a process
// started on port 0 and always stopped, and its control endpoints.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mockServer is one running am-mock-server process.
type mockServer struct {
	URL string // http://127.0.0.1:PORT
	cmd *exec.Cmd
}

// startMock starts $AM_MOCK_SERVER --port 0 with extra arguments and waits
// for its "listening on" line.
func startMock(binary string, args ...string) (*mockServer, error) {
	cmd := exec.Command(binary, append([]string{"--port", "0"}, args...)...)
	cmd.Stderr = os.Stderr
	// If the test binary dies, the server goes with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", binary, err)
	}
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, out)
	}()
	const prefix = "am-mock-server listening on "
	select {
	case line := <-lines:
		if !strings.HasPrefix(line, prefix+"http://127.0.0.1:") {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return nil, fmt.Errorf("%s printed %q, not its listening line", binary, line)
		}
		return &mockServer{URL: strings.TrimSpace(strings.TrimPrefix(line, prefix)), cmd: cmd}, nil
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s did not start within 20 s", binary)
	}
}

// stop asks the server to shut down and kills it if it does not.
func (m *mockServer) stop() {
	resp, err := http.Post(m.URL+"/_mock/shutdown", "application/json", nil)
	if err == nil {
		resp.Body.Close()
	}
	done := make(chan struct{})
	go func() { _ = m.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = m.cmd.Process.Kill()
		<-done
	}
}

// control sends one request to a control endpoint and checks its status.
func (m *mockServer) control(t testing.TB, method, path string, body any) []byte {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, m.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, data)
	}
	return data
}

// fault is a fault object of POST /_mock/faults.
type fault map[string]any

// addFaults queues faults; the test's cleanup removes whatever is left.
func (m *mockServer) addFaults(t testing.TB, faults ...fault) {
	t.Helper()
	m.control(t, http.MethodPost, "/_mock/faults", faults)
	t.Cleanup(func() { m.control(t, http.MethodDelete, "/_mock/faults", nil) })
}

// loggedRequest is one entry of GET /_mock/log.
type loggedRequest struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Query   string            `json:"query"`
	Headers map[string]string `json:"headers"`
}

// clearLog empties the server's request log.
func (m *mockServer) clearLog(t testing.TB) {
	t.Helper()
	m.control(t, http.MethodDelete, "/_mock/log", nil)
}

// requests gives the requests the server received since the log was cleared.
func (m *mockServer) requests(t testing.TB) []loggedRequest {
	t.Helper()
	var log struct {
		Requests []loggedRequest `json:"requests"`
	}
	if err := json.Unmarshal(m.control(t, http.MethodGet, "/_mock/log", nil), &log); err != nil {
		t.Fatalf("decoding the request log: %v", err)
	}
	return log.Requests
}

// header gives a logged request's header, whatever the case of its name.
func (r loggedRequest) header(name string) (string, bool) {
	for k, v := range r.Headers {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}
