//! This tablet's identity, written into every backup so copies made on
//! different tablets can be told apart.

use gloo_storage::{LocalStorage, Storage};
use uuid::Uuid;

const KEY: &str = "huifang.device";

/// The id made the first time it was asked for on this device.
pub fn device_id() -> Uuid {
    if let Ok(id) = LocalStorage::get::<Uuid>(KEY) {
        return id;
    }
    let id = Uuid::new_v4();
    // If localStorage is unavailable the id is just not kept; backups still work.
    let _ = LocalStorage::set(KEY, id);
    id
}
