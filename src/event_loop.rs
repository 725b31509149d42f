//! Giving the browser its turn during long work.
//!
//! The app runs on the page's one thread: while a piece of work runs, the
//! page neither repaints nor answers a tap. Work that takes seconds, such as
//! checking a whole office's backup file, is done in slices, awaiting
//! [`next_turn`] between them, so that the browser paints what changed (a
//! progress bar) and handles input before the work carries on.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Resolves in a later task of the browser's event loop: a `setTimeout(0)`.
/// Between tasks the browser may paint and dispatch input; an already
/// resolved promise would not do, as its continuation runs as a microtask
/// of the same task, before any of that.
pub async fn next_turn() {
    pause(0).await
}

/// Resolves after `ms` milliseconds, in a later task of the event loop.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled =
            web_sys::window().and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).ok());
        if scheduled.is_none() {
            // No window to schedule on: carry on at once rather than never.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    // The promise only ever resolves (with `undefined`).
    let _ = JsFuture::from(promise).await;
}
