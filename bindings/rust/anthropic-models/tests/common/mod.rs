//! What every test binary shares: the local API server (`$AM_MOCK_SERVER
//! --port 0`, one per test binary while its tests run, always stopped), its
//! control endpoints, and clients whose requests can be told apart in the
//! server's log although the tests of a binary run in parallel.
#![allow(dead_code)] // each test binary uses a different part

pub mod http;
pub mod json;
pub mod time;

use anthropic_models::{Client, ClientBuilder};
use json::Json;
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

/// The header that tags a test's requests in the server log.
pub const TAG_HEADER: &str = "x-test-tag";
pub const API_KEY: &str = "sk-ant-test-key-0123456789";

pub struct MockServer {
    /// The watchdog shell, whose child is the server.
    child: Child,
    _stdout: BufReader<ChildStdout>,
    /// Closing it stops the server.
    watchdog: Option<ChildStdin>,
    pub port: u16,
}

/// A request as the server logged it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub remote_port: u16,
}

impl Logged {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A client of `base_url` with the test key, deaf to the environment.
pub fn builder_for(base_url: &str) -> ClientBuilder {
    Client::builder().base_url(base_url).api_key(API_KEY).ignore_env(true)
}

static SHARED: OnceLock<Mutex<Weak<MockServer>>> = OnceLock::new();

/// The server of this test binary: started by the first test that asks,
/// stopped when the last test holding it finishes.
pub fn server() -> Arc<MockServer> {
    let mut shared = SHARED.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(server) = shared.upgrade() {
        return server;
    }
    let server = Arc::new(MockServer::start(&[]));
    *shared = Arc::downgrade(&server);
    server
}

impl MockServer {
    /// A server of its own, with extra arguments (e.g. `--synthetic 1000`).
    ///
    /// It runs under a small `sh` watchdog that stops it when its stdin (a
    /// pipe this process holds) closes: so even a test binary that dies
    /// without unwinding leaves no server behind.
    pub fn start(extra_args: &[&str]) -> MockServer {
        let binary = std::env::var("AM_MOCK_SERVER")
            .expect("AM_MOCK_SERVER must name the am-mock-server binary (bindings/rust/test.sh sets it)");
        let mut args: Vec<String> = vec!["--port".into(), "0".into()];
        args.extend(extra_args.iter().map(|a| a.to_string()));
        if let Ok(catalog) = std::env::var("AM_CATALOG") {
            args.extend(["--catalog".to_string(), catalog]);
        }
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#""$0" "$@" & server=$!; read -r _; kill "$server" 2>/dev/null; wait "$server""#)
            .arg(&binary)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let watchdog = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line from am-mock-server: {line:?}"));
        MockServer { child, _stdout: stdout, watchdog, port }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A client for this server whose requests carry `tag`.
    pub fn client_builder(&self, tag: &str) -> ClientBuilder {
        builder_for(&self.url()).header(TAG_HEADER, tag)
    }

    pub fn client(&self, tag: &str) -> Client {
        self.client_builder(tag).build().expect("a client for the mock server")
    }

    /// Queues faults: one JSON fault object or an array of them.
    pub fn add_fault(&self, fault: &str) {
        let r = http::exchange(self.port, "POST", "/_mock/faults", &[], fault);
        assert_eq!(r.status, 200, "POST /_mock/faults {fault}: {}", r.body);
    }

    /// Faults still queued.
    pub fn pending_faults(&self) -> usize {
        let r = http::exchange(self.port, "GET", "/_mock/faults", &[], "");
        Json::parse(&r.body).get("faults").and_then(Json::num).expect("a fault count") as usize
    }

    pub fn log(&self) -> Vec<Logged> {
        let r = http::exchange(self.port, "GET", "/_mock/log", &[], "");
        assert_eq!(r.status, 200);
        Json::parse(&r.body)
            .get("requests")
            .expect("requests")
            .array()
            .iter()
            .map(|e| Logged {
                method: e.get("method").and_then(Json::str).unwrap_or_default().to_string(),
                path: e.get("path").and_then(Json::str).unwrap_or_default().to_string(),
                query: e.get("query").and_then(Json::str).unwrap_or_default().to_string(),
                headers: e
                    .get("headers")
                    .map(|h| {
                        h.fields().iter().map(|(k, v)| (k.clone(), v.str().unwrap_or_default().to_string())).collect()
                    })
                    .unwrap_or_default(),
                remote_port: e.get("remote_port").and_then(Json::num).unwrap_or(-1.0) as u16,
            })
            .collect()
    }

    /// The logged requests of one test (by its tag).
    pub fn requests(&self, tag: &str) -> Vec<Logged> {
        self.log().into_iter().filter(|r| r.header(TAG_HEADER) == Some(tag)).collect()
    }

    /// The API read directly, not through the binding: every model of the
    /// listing `query` selects, as JSON, newest first.
    pub fn raw_models(&self, query: &str) -> Vec<Json> {
        let r = http::exchange(
            self.port,
            "GET",
            &format!("/v1/models?limit=1000{query}"),
            &[("x-api-key", API_KEY), ("anthropic-version", "2023-06-01")],
            "",
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let page = Json::parse(&r.body);
        assert_eq!(page.get("has_more"), Some(&Json::Bool(false)));
        page.get("data").expect("data").array().to_vec()
    }

    /// The ids of the default listing, newest first (read directly).
    pub fn model_ids(&self) -> Vec<String> {
        self.raw_models("").iter().map(|m| m.get("id").and_then(Json::str).expect("id").to_string()).collect()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // Closing the watchdog's stdin stops the server; then the watchdog ends.
        drop(self.watchdog.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Keeps panics a test provokes on purpose (their message contains
/// `expected`) out of the output; every other panic is reported as usual.
pub fn silence_expected_panics(expected: &'static str) {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message =
            payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        if !message.is_some_and(|m| m.contains(expected)) {
            report(info);
        }
    }));
}

/// Polls `done` until it holds; fails the test after 20 s (work in flight on
/// a busy machine gets that long).
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}
