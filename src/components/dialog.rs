//! Opening and closing a native `<dialog>` held in a `NodeRef` (nothing
//! happens before it is mounted).

use leptos::html::Dialog;
use leptos::prelude::*;

pub fn show_dialog(dialog: NodeRef<Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        // Fails only if it is already open, which leaves it as wanted.
        let _ = d.show_modal();
    }
}

pub fn close_dialog(dialog: NodeRef<Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        d.close();
    }
}
