//! Serves the release build and drives it in headless Chromium through
//! chromedriver, as a user would. Any console error or panic fails the test.
// Each test binary uses a part of the harness.
#![allow(dead_code)]

pub mod bench;

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

pub const WAIT: Duration = Duration::from_secs(15);

pub struct Browser {
    pub client: Client,
    pub base_url: String,
    pub downloads: tempfile::TempDir,
    _profile: tempfile::TempDir,
    driver: Child,
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

fn dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(
        dist.join("index.html").exists(),
        "no release build in {}: run `trunk build --release --offline` first (scripts/test does)",
        dist.display()
    );
    dist
}

/// Serves `dist/` on a free loopback port, and `files` (if any) under
/// `/bench/` on the same origin; returns its URL.
async fn serve_dist(files: Option<&Path>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let mut app = axum::Router::new();
    if let Some(files) = files {
        app = app.nest_service("/bench", tower_http::services::ServeDir::new(files));
    }
    let app = app.fallback_service(tower_http::services::ServeDir::new(dist_dir()));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("static server") });
    format!("http://{addr}/")
}

impl Browser {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts Chromium with `extra` command-line switches (e.g. for a benchmark).
    pub async fn start_with(extra: &[&str]) -> Self {
        Self::start_serving(extra, None).await
    }

    /// [`start_with`](Self::start_with), also serving the folder `files`
    /// under `/bench/` on the app's origin (a benchmark's own pages share
    /// the app's origin, hence its storage and its renderer).
    pub async fn start_serving(extra: &[&str], files: Option<&Path>) -> Self {
        let base_url = serve_dist(files).await;
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e} (scripts/setup installs it)"));
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = tempfile::tempdir().expect("download dir");
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,1000",
            "--lang=zh-CN",
        ]
        .iter()
        .chain(extra)
        .map(|a| a.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps: Capabilities = serde_json::from_value(json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": args,
                "prefs": {
                    "download.default_directory": downloads.path().display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
        }))
        .expect("capabilities");
        let webdriver = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&webdriver).await {
                Ok(c) => break c,
                Err(_) if started.elapsed() < Duration::from_secs(20) => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("chromedriver did not start a session: {e}"),
            }
        };
        Self { client, base_url, downloads, _profile: profile, driver }
    }

    /// This browser's profile directory (its processes name it on their command line).
    #[allow(dead_code)]
    pub fn profile_dir(&self) -> &Path {
        self._profile.path()
    }

    pub async fn open(&self, hash: &str) {
        self.client.goto(&format!("{}{hash}", self.base_url)).await.expect("navigate");
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
        el.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}"))
    }

    /// Waits until the element's text contains `expected`; returns the text.
    pub async fn wait_text(&self, css: &str, expected: &str) -> String {
        let started = Instant::now();
        loop {
            let found = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if found.contains(expected) {
                return found;
            }
            if started.elapsed() > WAIT {
                panic!("{css}: expected text containing {expected:?}, found {found:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sets an input's value as if picked (a native date picker's typing
    /// rules depend on the browser's locale) and fires `input`.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.find(css).await;
        let js = "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
                  el.dispatchEvent(new Event('input', { bubbles: true })); \
                  el.dispatchEvent(new Event('change', { bubbles: true }));";
        self.client.execute(js, vec![css.into(), value.into()]).await.unwrap_or_else(|e| panic!("set {css}: {e}"));
    }

    /// Draws a stroke across a canvas with pointer events, as a finger would.
    pub async fn draw_on(&self, css: &str) {
        self.find(css).await;
        let js = "const c = document.querySelector(arguments[0]); const r = c.getBoundingClientRect(); \
                  const at = (t, x, y) => c.dispatchEvent(new PointerEvent(t, { bubbles: true, clientX: r.left + x * r.width, clientY: r.top + y * r.height, pointerId: 1 })); \
                  at('pointerdown', 0.1, 0.5); for (let i = 1; i <= 8; i++) { at('pointermove', 0.1 + i * 0.1, 0.5 + ((i % 2) ? 0.2 : -0.2)); } \
                  at('pointerup', 0.9, 0.5);";
        self.client.execute(js, vec![css.into()]).await.unwrap_or_else(|e| panic!("draw on {css}: {e}"));
    }

    /// Adds a household in building 3, entrance 2, through the Customers
    /// form (with its move-in date, if any); the caller checks the outcome.
    pub async fn add_customer(&self, name: &str, room: &str, moved_in: Option<&str>) {
        self.click("#nav-customers").await;
        self.type_into("#customer-name", name).await;
        self.type_into("#customer-phone", "138 0000 1111").await;
        self.type_into("#customer-building", "3").await;
        self.type_into("#customer-entrance", "2").await;
        self.type_into("#customer-room", room).await;
        if let Some(day) = moved_in {
            self.set_value("#customer-moved-in", day).await;
        }
        self.click("#save-customer").await;
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let started = Instant::now();
        while self.client.find(Locator::Css(css)).await.is_ok() {
            assert!(started.elapsed() < WAIT, "{css} is still shown");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for a finished download and returns its path.
    pub async fn downloaded(&self, suffix: &str) -> PathBuf {
        self.download_within(suffix, WAIT).await.unwrap_or_else(|| panic!("no {suffix} file was downloaded"))
    }

    /// The finished download whose name ends in `suffix`, waited for up to
    /// `limit` (Chromium writes `.crdownload` until the file is complete).
    pub async fn download_within(&self, suffix: &str, limit: Duration) -> Option<PathBuf> {
        let started = Instant::now();
        loop {
            let done = std::fs::read_dir(self.downloads.path())
                .expect("download dir")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.to_string_lossy().ends_with(suffix));
            if done.is_some() || started.elapsed() >= limit {
                return done;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a screenshot as `NAME.png` in `$E2E_SCREENSHOTS`, if set, for a
    /// person to look at what the test saw.
    pub async fn snap(&self, name: &str) {
        if let Ok(dir) = std::env::var("E2E_SCREENSHOTS") {
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::create_dir_all(&dir).expect("screenshot dir");
            std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).expect("write screenshot");
        }
    }

    /// Console errors since the last call (chromedriver's browser log).
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self.client.issue_cmd(BrowserLog).await.expect("browser log");
        log.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub async fn assert_no_console_errors(&self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "console errors or panics: {errors:#?}");
    }

    /// The served app's origin, e.g. `http://127.0.0.1:4000`.
    pub fn origin(&self) -> String {
        self.base_url.trim_end_matches('/').to_owned()
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver's
    /// passthrough; returns its result.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.client.issue_cmd(Cdp { cmd: cmd.to_owned(), params }).await.unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    pub async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
    }
}

/// chromedriver's (non-W3C but supported) endpoint for the browser console log.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// chromedriver's `goog/cdp/execute`: a DevTools command on the page's target.
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}
