//! Maps and sets keyed by record ids, with `rustc-hash`'s Fx hasher.
//!
//! std's SipHash resists crafted keys, which matters for data from the
//! network; here the keys are UUIDs the app generated, and hashing 300,000
//! of them with SipHash cost most of the plan's and the report's time.

pub type IdMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type IdSet<K> = rustc_hash::FxHashSet<K>;
