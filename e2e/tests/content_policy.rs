//! The page runs under a Content-Security-Policy that allows only the
//! app's own files (rule 18: a shared tablet): every screen and the
//! monthly report's bars work under it with no violation, and an injected
//! inline script is refused.

mod harness;

use harness::Browser;
use serde_json::json;

/// Every violation the page reports, kept from before the app starts.
const WATCH: &str = "window.__csp = []; \
    document.addEventListener('securitypolicyviolation', \
        (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

async fn violations(b: &Browser) -> Vec<String> {
    let v = b.client.execute("return window.__csp || ['no watcher'];", vec![]).await.expect("read violations");
    v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_owned)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_runs_under_the_content_security_policy() {
    let b = Browser::start().await;
    b.cdp("Page.enable", json!({})).await;
    b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": WATCH })).await;
    b.open("#/customers").await;
    let policy = b
        .client
        .execute(
            "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); \
             return m ? m.content : null;",
            vec![],
        )
        .await
        .expect("read the policy");
    let policy = policy.as_str().expect("index.html carries a Content-Security-Policy");
    assert!(policy.contains("default-src 'self'") && policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));

    let today = chrono::Local::now().date_naive().to_string();
    b.add_customer("王美丽", "1201", Some(&today)).await;
    b.wait_text("#notice", "客户已保存").await;
    for nav in ["#nav-today", "#nav-complaints", "#nav-letters", "#nav-staff", "#nav-records", "#nav-tally"] {
        b.click(nav).await;
    }
    b.find("#report-trend .bar").await;
    b.click("#nav-settings").await;
    b.click("#nav-data").await;
    b.wait_text("#data-counts", "客户 1 户").await;
    assert_eq!(violations(&b).await, Vec::<String>::new(), "the app breaks none of its policy");
    b.assert_no_console_errors().await;

    // The policy is in force: an inline script slipped into the page does not run.
    b.client
        .execute(
            "const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; \
             document.body.appendChild(s);",
            vec![],
        )
        .await
        .expect("inject");
    let ran = b.client.execute("return window.__ran === 1;", vec![]).await.expect("read");
    assert_eq!(ran, json!(false), "an inline script ran despite the policy");
    let seen = violations(&b).await;
    assert!(seen.iter().any(|v| v.starts_with("script-src")), "{seen:?}");
    b.close().await;
}
