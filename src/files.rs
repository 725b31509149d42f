//! Files in and out of the browser: downloads and chosen files.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn js_detail(e: JsValue) -> String {
    e.as_string().or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string())).unwrap_or_default()
}

/// Offers `text` to the user as a file download called `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    offer(file_name, &parts, mime)
}

/// Offers `bytes` (e.g. a CSV file with its byte-order mark) as a download.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    offer(file_name, &parts, mime)
}

fn offer(file_name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    // `new Blob(parts)` takes strings and byte arrays alike; one binding serves both.
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options).map_err(js_detail)?;
    download_blob(file_name, &blob)
}

/// The bytes of `blob`, copied into this program's memory.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_detail)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether the browser can read `blob` to its end: a Blob it could not
/// take in (short of memory) is handed out all the same, and its download
/// fails later with no word to the page.
pub async fn readable(blob: &web_sys::Blob) -> Result<(), String> {
    let size = blob.size();
    let last = blob.slice_with_f64_and_f64(size - 1.0, size).map_err(js_detail)?;
    JsFuture::from(last.array_buffer()).await.map_err(js_detail)?;
    let first = blob.slice_with_f64_and_f64(0.0, 1.0).map_err(js_detail)?;
    JsFuture::from(first.array_buffer()).await.map_err(js_detail)?;
    Ok(())
}

/// Offers `blob` as a download called `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_detail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(js_detail)?.dyn_into().map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    revoke_later(url);
    Ok(())
}

/// How long a download's object URL stays valid. The click only asks for
/// the download: Chromium reads the URL once it has assembled the Blob,
/// which for a multi-part Blob of half a gigabyte (a large office's backup)
/// comes after the click returns. Revoked at once, that download silently
/// never happens; FileSaver.js waits 40 s, a slow tablet may need longer.
const KEEP_DOWNLOAD_URL_MS: i32 = 10 * 60 * 1000;

fn revoke_later(url: String) {
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        // Should the timer fail, the URL lives until the page closes: memory, not data.
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), KEEP_DOWNLOAD_URL_MS);
    }
}

/// The bytes of a file the user picked.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(js_detail)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
