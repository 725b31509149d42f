//! Encrypted backups on the browser's real WebCrypto (headless Chromium).
//! A wrong passphrase or any change to the file is refused
//! by `decrypt`, which is what the import runs before anything is written.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, NaiveDate, Utc};
use huifang::crypto::{decrypt, encrypt, CryptoError};
use huifang_core::backup::encrypted::{is_encrypted, Envelope, EnvelopeError, Header, ITERATIONS};
use huifang_core::backup::{self, Backup};
use huifang_core::model::*;
use js_sys::{Array, Uint8Array};
use serde_json::{json, Value};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSPHRASE: &str = "物业回访 2026 春";

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn office() -> Dataset {
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
    let customer = Customer::new(Uuid::new_v4(), "王美丽 🌸 <b>".into(), "138 0000 0000".into(), unit, now());
    let case = Case {
        completed_on: Some(d("2026-11-21")),
        ..Case::new(
            Uuid::new_v4(),
            Some(customer.id),
            CaseKind::Complaint,
            d("2026-11-20"),
            "夜间施工噪音".into(),
            now(),
        )
    };
    Dataset { customers: vec![customer], cases: vec![case], ..Dataset::default() }
}

/// A plain backup file of `data`, as the export writes it.
fn backup_of(data: Dataset) -> Vec<u8> {
    Backup::new(data, "test", Uuid::new_v4(), now()).to_json().into_bytes()
}

fn backup_file() -> Vec<u8> {
    backup_of(office())
}

/// The encrypted file with one JSON value replaced (pointer like "/kdf/salt").
fn edited(file: &[u8], pointer: &str, value: Value) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(file).unwrap();
    *v.pointer_mut(pointer).unwrap() = value;
    serde_json::to_vec(&v).unwrap()
}

#[wasm_bindgen_test]
async fn an_encrypted_backup_decrypts_to_the_same_bytes_and_dataset() {
    let data = office();
    let plain = backup_of(data.clone());
    let file = encrypt(&plain, PASSPHRASE).await.unwrap();
    assert!(is_encrypted(&file));
    assert!(!is_encrypted(&plain));
    let text = String::from_utf8(file.clone()).unwrap();
    assert!(!text.contains("王美丽") && !text.contains("夜间施工"), "no record text in the clear");

    let opened = decrypt(&file, PASSPHRASE).await.unwrap();
    assert_eq!(opened, plain);
    assert_eq!(backup::parse(&opened).unwrap().data, data);
}

#[wasm_bindgen_test]
async fn each_export_gets_a_fresh_salt_and_iv() {
    let plain = backup_file();
    let a = Envelope::parse(&encrypt(&plain, PASSPHRASE).await.unwrap()).unwrap();
    let b = Envelope::parse(&encrypt(&plain, PASSPHRASE).await.unwrap()).unwrap();
    assert_ne!(a.header.salt, b.header.salt);
    assert_ne!(a.header.iv, b.header.iv);
    assert_ne!(a.ciphertext, b.ciphertext);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_is_refused() {
    let file = encrypt(&backup_file(), PASSPHRASE).await.unwrap();
    assert_eq!(decrypt(&file, "物业回访 2026 夏").await, Err(CryptoError::Rejected));
    assert_eq!(decrypt(&file, "").await, Err(CryptoError::Rejected));
}

#[wasm_bindgen_test]
async fn a_flipped_bit_in_the_ciphertext_is_refused() {
    let file = encrypt(&backup_file(), PASSPHRASE).await.unwrap();
    let mut envelope = Envelope::parse(&file).unwrap();
    for at in [0, envelope.ciphertext.len() / 2, envelope.ciphertext.len() - 1] {
        let mut flipped = envelope.clone();
        flipped.ciphertext[at] ^= 0x01;
        assert_eq!(decrypt(flipped.to_json().as_bytes(), PASSPHRASE).await, Err(CryptoError::Rejected), "byte {at}");
    }
    // Cut short (the tag is at the end) is refused as well.
    envelope.ciphertext.truncate(envelope.ciphertext.len() - 1);
    assert_eq!(decrypt(envelope.to_json().as_bytes(), PASSPHRASE).await, Err(CryptoError::Rejected));
}

#[wasm_bindgen_test]
async fn a_changed_header_field_is_refused() {
    let file = encrypt(&backup_file(), PASSPHRASE).await.unwrap();
    let e = Envelope::parse(&file).unwrap();
    let with = |change: fn(&mut Header)| {
        let mut changed = e.clone();
        change(&mut changed.header);
        changed.to_json().into_bytes()
    };
    let changed = [
        ("salt", with(|h| h.salt[0] ^= 0x80)),
        ("iv", with(|h| h.iv[11] ^= 0x01)),
        ("more rounds", with(|h| h.iterations += 1)),
    ];
    for (what, file) in changed {
        assert_eq!(decrypt(&file, PASSPHRASE).await, Err(CryptoError::Rejected), "{what}");
    }
    // Fewer rounds (a downgrade) and another version are refused before any key is derived.
    let weaker = edited(&file, "/kdf/iterations", json!(ITERATIONS - 1));
    let refused = decrypt(&weaker, PASSPHRASE).await;
    assert_eq!(refused, Err(CryptoError::Envelope(EnvelopeError::WeakKdf { found: u64::from(ITERATIONS) - 1 })));
    let newer = decrypt(&edited(&file, "/version", json!(2)), PASSPHRASE).await;
    assert_eq!(newer, Err(CryptoError::Envelope(EnvelopeError::TooNew(2))));
}

#[wasm_bindgen_test]
async fn a_plain_backup_is_not_taken_for_an_encrypted_one() {
    let refused = decrypt(&backup_file(), PASSPHRASE).await;
    assert_eq!(refused, Err(CryptoError::Envelope(EnvelopeError::NotEncrypted)));
}

// ---- An independent WebCrypto reading, to check what `encrypt` really did ----

async fn js(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

/// PBKDF2-SHA256 with exactly `iterations` rounds, straight from WebCrypto.
async fn pbkdf2_key(passphrase: &str, salt: &[u8], iterations: u32) -> web_sys::CryptoKey {
    let subtle = subtle();
    let usages = Array::of1(&"deriveKey".into());
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = js(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages)).await.unwrap();
    let params = web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let aes = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of1(&"decrypt".into());
    let key = subtle.derive_key_with_object_and_object(&params, base.unchecked_ref(), &aes, false, &usages);
    js(key).await.unwrap().unchecked_into()
}

async fn aes_gcm_open(key: &web_sys::CryptoKey, e: &Envelope, aad: Option<&[u8]>) -> Result<Vec<u8>, JsValue> {
    let params = web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&e.header.iv[..]));
    if let Some(aad) = aad {
        params.set_additional_data_u8_array(&Uint8Array::from(aad));
    }
    let opened = js(subtle().decrypt_with_object_and_u8_array(&params, key, &e.ciphertext)).await?;
    Ok(Uint8Array::new(&opened).to_vec())
}

#[wasm_bindgen_test]
async fn the_file_is_sealed_with_600000_pbkdf2_rounds_and_the_header_as_associated_data() {
    let plain = backup_file();
    let e = Envelope::parse(&encrypt(&plain, PASSPHRASE).await.unwrap()).unwrap();
    assert_eq!(e.header.iterations, 600_000);

    let started = js_sys::Date::now();
    let key = pbkdf2_key(PASSPHRASE, &e.header.salt, 600_000).await;
    let derivation_ms = js_sys::Date::now() - started;
    console_log!("one PBKDF2-SHA256 derivation of 600000 rounds took {derivation_ms} ms");

    // A key from exactly 600,000 rounds opens it, with the documented associated data…
    assert_eq!(aes_gcm_open(&key, &e, Some(&e.header.associated_data())).await.unwrap(), plain);
    // …and not without it: the header really is bound to the ciphertext.
    assert!(aes_gcm_open(&key, &e, None).await.is_err());
    // A key from fewer rounds does not open it.
    let weaker = pbkdf2_key(PASSPHRASE, &e.header.salt, 599_999).await;
    assert!(aes_gcm_open(&weaker, &e, Some(&e.header.associated_data())).await.is_err());
}

// ---- The screens: the export card's passphrase fields and the import's prompt ----

fn eval(code: &str) -> JsValue {
    js_sys::eval(code).unwrap_or_else(|e| panic!("{code}: {e:?}"))
}

fn truthy(code: &str) -> bool {
    eval(code).is_truthy()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

async fn wait_until(what: &str, code: &str) {
    for _ in 0..200 {
        if truthy(code) {
            return;
        }
        sleep(50).await;
    }
    panic!("{what}: never true: {code}");
}

async fn wait_text(css: &str, expected: &str) {
    let code =
        format!("Array.from(document.querySelectorAll({css:?})).some(e => e.textContent.includes({expected:?}))");
    wait_until(css, &code).await;
}

fn set(css: &str, value: &str) {
    eval(&format!(
        "(() => {{ const e = document.querySelector({css:?}); e.value = {value:?};
           e.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
    ));
}

fn click(css: &str) {
    eval(&format!(
        "(() => {{ const e = document.querySelector({css:?}); if (!e) throw new Error('no ' + {css:?}); e.click(); }})()"
    ));
}

/// A fresh element to mount a screen in, removed by the caller.
fn mount_point() -> web_sys::HtmlElement {
    eval("(() => { const d = document.createElement('div'); document.body.appendChild(d); return d; })()")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_export_card_asks_for_the_passphrase_twice_before_encrypting() {
    use huifang::i18n::Msg;
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), huifang::app::App);
    wait_until("nav", "document.querySelector('#nav-data')").await;
    click("#nav-data");
    wait_until("export card", "document.querySelector('#export-encrypt')").await;
    for id in ["export-csv-customers", "export-csv-cases", "export-csv-revisits", "export"] {
        assert!(truthy(&format!("!!document.getElementById('{id}')")), "{id}");
    }
    // Off by default: the plain export the e2e walk downloads.
    assert!(!truthy("document.querySelector('#export-encrypt').checked"));
    assert!(!truthy("document.querySelector('#export-passphrase')"));

    click("#export-encrypt");
    wait_until("fields", "document.querySelector('#export-passphrase-confirm')").await;
    for id in ["export-passphrase", "export-passphrase-confirm"] {
        let field = format!("document.getElementById('{id}')");
        assert!(truthy(&format!("{field}.type === 'password' && {field}.autocomplete === 'new-password'")), "{id}");
    }
    set("#export-passphrase", "短口令");
    set("#export-passphrase-confirm", "短口令");
    click("#export");
    wait_text("#export-passphrase-problem", "口令至少需要 8 个字符").await;
    set("#export-passphrase", PASSPHRASE);
    set("#export-passphrase-confirm", "物业回访 2026 夏");
    click("#export");
    wait_text("#export-passphrase-problem", Msg::PassphraseMismatch.text(huifang::i18n::Lang::Zh)).await;
    set("#export-passphrase-confirm", PASSPHRASE);
    click("#export");
    wait_text("#notice", Msg::ExportedEncrypted.text(huifang::i18n::Lang::Zh)).await;
    assert!(!truthy("document.querySelector('#export-passphrase-problem')"));
    // The passphrase does not linger in the form after the export.
    assert!(truthy("document.querySelector('#export-passphrase').value === ''"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_passphrase_prompt_hands_over_what_was_typed_and_shows_the_error() {
    use huifang::components::PassphrasePrompt;
    use huifang::i18n::{I18n, Lang};
    use leptos::prelude::*;

    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let given = RwSignal::new(Vec::<String>::new());
    let cancelled = RwSignal::new(0);
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n(RwSignal::new(Lang::Zh)));
        view! {
            <PassphrasePrompt
                open=open
                error=error
                on_passphrase=Callback::new(move |p: String| given.update(|g| g.push(p)))
                on_cancel=Callback::new(move |_| cancelled.update(|n| *n += 1))
            />
        }
    });
    let dialog_open = "document.querySelector('#passphrase-dialog').open";
    assert!(!truthy(dialog_open));
    open.set(true);
    wait_until("opened", dialog_open).await;
    assert!(truthy("document.querySelector('#passphrase-ok').disabled"), "nothing typed yet");
    assert!(truthy("document.querySelector('#passphrase-input').type === 'password'"));

    set("#passphrase-input", PASSPHRASE);
    wait_until("enabled", "!document.querySelector('#passphrase-ok').disabled").await;
    click("#passphrase-ok");
    wait_until("handed over", "document.querySelector('#passphrase-input').value === ''").await;
    assert_eq!(given.get_untracked(), [PASSPHRASE]);

    error.set(Some("口令不正确，或文件已损坏/被改动".into()));
    wait_text("#passphrase-error", "口令不正确").await;
    // Cancel, by the button or by Escape; the caller decides to close it.
    click("#passphrase-cancel");
    eval("document.querySelector('#passphrase-dialog').dispatchEvent(new Event('cancel', { cancelable: true }))");
    assert_eq!(cancelled.get_untracked(), 2);
    assert!(truthy(dialog_open));
    open.set(false);
    wait_until("closed", &format!("!{dialog_open}")).await;
    drop(handle);
    root.remove();
}
