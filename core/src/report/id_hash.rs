//! A fast hasher for the report's own id sets and maps.
//!
//! SipHash (std's default) resists crafted keys but costs most of the
//! report's budget on 200,000 revisit lookups. Ids here are v4 UUIDs the
//! app generated; a multiply-fold with a final mix spreads them (and even
//! sequential test ids) evenly at a fraction of the cost. Keys are the ids
//! as `u128`, which compare without a byte-wise `memcmp`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    /// murmur3's finaliser: every input bit reaches the low bits the table
    /// indexes by and the high bits it tags with.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
pub(crate) type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;
    use uuid::Uuid;

    fn hash(id: Uuid) -> u64 {
        BuildHasherDefault::<IdHasher>::default().hash_one(id.as_u128())
    }

    #[test]
    fn sequential_ids_spread_over_low_and_high_bits() {
        let hashes: Vec<u64> = (0..1024u128).map(|n| hash(Uuid::from_u128(n))).collect();
        let low: HashSet<u64> = hashes.iter().map(|h| h & 0x3ff).collect();
        let high: HashSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        assert!(low.len() > 600, "{} distinct low buckets of 1024", low.len());
        assert_eq!(high.len(), 128, "every 7-bit tag is used");
    }
}
