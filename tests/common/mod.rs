//! DOM helpers for the browser tests that drive mounted screens: read
//! and wait for what the page shows, type and click as a user would.
#![allow(dead_code)]

use std::time::Duration;

use wasm_bindgen::JsValue;

pub fn js(code: &str) -> JsValue {
    js_sys::eval(code).unwrap_or_else(|e| panic!("{code}: {e:?}"))
}

pub fn text(css: &str) -> String {
    js(&format!("Array.from(document.querySelectorAll({css:?})).map(e => e.textContent).join(' | ')"))
        .as_string()
        .unwrap_or_default()
}

pub fn count(css: &str) -> usize {
    js(&format!("document.querySelectorAll({css:?}).length")).as_f64().unwrap_or(0.0) as usize
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits until some element matching `css` contains `expected`.
pub async fn wait_text(css: &str, expected: &str) {
    let limit = Duration::from_secs(10).as_millis() as i32 / 50;
    for _ in 0..limit {
        if text(css).contains(expected) {
            return;
        }
        sleep(50).await;
    }
    panic!("{css}: expected {expected:?}, found {:?}", text(css));
}

pub async fn wait_count(css: &str, n: usize) {
    for _ in 0..200 {
        if count(css) == n {
            return;
        }
        sleep(50).await;
    }
    panic!("{css}: expected {n}, found {}", count(css));
}

pub async fn wait_for(css: &str) {
    for _ in 0..200 {
        if count(css) > 0 {
            return;
        }
        sleep(50).await;
    }
    panic!("{css} never appeared");
}

/// Waits for the notice of a saved action, then for the screen to be
/// rebuilt from storage (so the next step does not act on the old one).
pub async fn saved(expected: &str) {
    wait_text("#notice", expected).await;
    sleep(400).await;
}

/// Types `value` into the first element matching `css`.
pub fn set(css: &str, value: &str) {
    js(&format!(
        "(() => {{ const e = document.querySelector({css:?}); e.value = {value:?};
           e.dispatchEvent(new Event('input', {{ bubbles: true }}));
           e.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()"
    ));
}

/// Chooses the option labelled `label` in the select matching `css`.
pub fn choose(css: &str, label: &str) {
    js(&format!(
        "(() => {{ const s = document.querySelector({css:?});
           const o = Array.from(s.options).find(o => o.textContent.trim() === {label:?});
           if (!o) throw new Error('no option ' + {label:?});
           s.value = o.value; s.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()"
    ));
}

pub fn click(css: &str) {
    js(&format!(
        "(() => {{ const e = document.querySelector({css:?}); if (!e) throw new Error('no ' + {css:?}); e.click(); }})()"
    ));
}
