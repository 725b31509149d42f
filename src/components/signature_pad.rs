use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, PointerEvent};

use crate::i18n::{tr, use_i18n, Msg};

/// The customer signs on the tablet with a finger or stylus (rule 5). The
/// signature is kept as a PNG data URL in `value` once something is drawn.
#[component]
pub fn SignaturePad(value: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let canvas = NodeRef::<Canvas>::new();
    let drawing = RwSignal::new(false);

    let context = move || -> Option<CanvasRenderingContext2d> {
        canvas.get_untracked()?.get_context("2d").ok()??.dyn_into().ok()
    };
    // Pointer position in canvas pixels, whatever the CSS size of the canvas.
    let point = move |ev: &PointerEvent| -> Option<(f64, f64)> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        let sx = f64::from(c.width()) / r.width().max(1.0);
        let sy = f64::from(c.height()) / r.height().max(1.0);
        Some(((f64::from(ev.client_x()) - r.left()) * sx, (f64::from(ev.client_y()) - r.top()) * sy))
    };
    let down = move |ev: PointerEvent| {
        ev.prevent_default();
        if let (Some(ctx), Some((x, y))) = (context(), point(&ev)) {
            ctx.set_line_width(3.0);
            ctx.set_line_cap("round");
            ctx.set_stroke_style_str("#1f2933");
            ctx.begin_path();
            ctx.move_to(x, y);
            drawing.set(true);
        }
    };
    let moved = move |ev: PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        ev.prevent_default();
        if let (Some(ctx), Some((x, y))) = (context(), point(&ev)) {
            ctx.line_to(x, y);
            ctx.stroke();
        }
    };
    let up = move |_: PointerEvent| {
        if drawing.get_untracked() {
            drawing.set(false);
            value.set(canvas.get_untracked().and_then(|c| c.to_data_url_with_type("image/png").ok()));
        }
    };
    let clear = move |_| {
        if let (Some(c), Some(ctx)) = (canvas.get_untracked(), context()) {
            ctx.clear_rect(0.0, 0.0, f64::from(c.width()), f64::from(c.height()));
        }
        value.set(None);
    };
    view! {
        <div class="signature">
            <canvas
                id="signature-pad"
                node_ref=canvas
                width="600"
                height="200"
                aria-label=move || i18n.t(Msg::SignHere)
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointerleave=up
            ></canvas>
            <div class="signature-bar">
                <span class="hint">
                    {move || if value.get().is_some() { i18n.t(Msg::SignatureTaken) } else { i18n.t(Msg::SignHere) }}
                </span>
                <button type="button" id="signature-clear" on:click=clear>{tr(Msg::ClearSignature)}</button>
            </div>
        </div>
    }
}
