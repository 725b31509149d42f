//! Merge import: a backup file joined with this tablet's records by id,
//! so records entered on two tablets end up together.
//!
//! Per record (documented in `docs/backup-format.md`, "Import modes"):
//! - only on one side: kept;
//! - same id, same content: unchanged;
//! - same id, different content: the newer `updated_at` wins (a signature,
//!   which is never edited, uses its `captured_at`), and the pair is listed
//!   to the user as a conflict. Equal times are broken by the records'
//!   compact JSON (the larger wins), so the result never depends on which
//!   side is the file: merging is commutative.
//!
//! Settings have no time stamp: this tablet's are kept, and
//! [`Merge::settings_differ`] tells whether the file's were different (a
//! restore takes them).

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::{check_dataset, BackupError, Entity};
use crate::id_map::{IdMap, IdSet};
use crate::model::{Case, CaseKind, Customer, Dataset, OpenLetter, Revisit, Signature, Staff, Unit};

/// Which copy of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// This tablet's records.
    Local,
    /// The file's.
    Incoming,
}

/// What a person needs to recognise a record in the conflict list. The UI
/// formats it (kinds through its labels); text is shown as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "entity")]
pub enum Label {
    Customer {
        name: String,
        unit: Unit,
    },
    Case {
        received_on: NaiveDate,
        kind: CaseKind,
        excerpt: String,
    },
    /// The household is looked up in the merged data.
    Revisit {
        customer: Option<String>,
        unit: Option<Unit>,
        due_on: NaiveDate,
        round: u32,
    },
    Staff {
        name: String,
    },
    OpenLetter {
        title: String,
        sent_on: NaiveDate,
    },
    /// The household of the signed revisit, looked up in the merged data.
    Signature {
        customer: Option<String>,
        captured_at: DateTime<Utc>,
    },
}

/// How many characters of a case's description its label shows.
pub const EXCERPT_CHARS: usize = 20;

fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Two different versions of one record; `winner`'s is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub entity: Entity,
    pub id: Uuid,
    /// Of the version kept.
    pub label: Label,
    /// `updated_at` of each version (`captured_at` for signatures).
    pub local_updated_at: DateTime<Utc>,
    pub incoming_updated_at: DateTime<Utc>,
    pub winner: Side,
}

/// What a merge does to one kind of record. `added + updated + unchanged +
/// kept_local` is the number of merged records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MergeCounts {
    /// Only in the file: written.
    pub added: usize,
    /// In both, different, the file's newer: written over this tablet's.
    pub updated: usize,
    /// In both, identical.
    pub unchanged: usize,
    /// Only on this tablet, or in both with this tablet's newer.
    pub kept_local: usize,
}

/// The outcome of [`merge`]; nothing is written yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// Everything after the merge, checked by [`check_dataset`]; each
    /// entity ordered by creation time, then id (as storage lists them);
    /// this tablet's settings.
    pub merged: Dataset,
    /// Where in `merged` the records to put are (the added ones and those
    /// where the file won), in [`Entity::ALL`] order: positions, not
    /// copies, which at office scale would be hundreds of megabytes. See
    /// [`Merge::writes`].
    written: [Vec<usize>; 6],
    /// In [`Entity::ALL`] order; see [`Merge::counts_of`].
    pub counts: [(Entity, MergeCounts); 6],
    /// Every same-id pair with different content, entity by entity in
    /// [`Entity::ALL`] order, each in merged order.
    pub conflicts: Vec<Conflict>,
    /// The file's settings differ from this tablet's (which are kept).
    pub settings_differ: bool,
}

impl Merge {
    pub fn counts_of(&self, entity: Entity) -> MergeCounts {
        self.counts.iter().find(|(e, _)| *e == entity).map(|(_, c)| *c).unwrap_or_default()
    }

    /// The records to put, in one transaction, borrowed from `merged`. A
    /// merge writes no settings: this tablet's are kept.
    pub fn writes(&self) -> Writes<'_> {
        fn pick<'a, T: Record>(merged: &'a Dataset, at: &[usize]) -> Vec<&'a T> {
            let all = T::all(merged);
            at.iter().filter_map(|&i| all.get(i)).collect()
        }
        let (m, w) = (&self.merged, &self.written);
        Writes {
            customers: pick(m, &w[0]),
            cases: pick(m, &w[1]),
            revisits: pick(m, &w[2]),
            staff: pick(m, &w[3]),
            open_letters: pick(m, &w[4]),
            signatures: pick(m, &w[5]),
        }
    }

    /// Nothing to write: the file holds nothing this tablet lacks.
    pub fn is_noop(&self) -> bool {
        self.counts.iter().all(|(_, c)| c.added == 0 && c.updated == 0)
    }
}

/// The records a merge puts, in storage order, borrowed from
/// [`Merge::merged`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Writes<'a> {
    pub customers: Vec<&'a Customer>,
    pub cases: Vec<&'a Case>,
    pub revisits: Vec<&'a Revisit>,
    pub staff: Vec<&'a Staff>,
    pub open_letters: Vec<&'a OpenLetter>,
    pub signatures: Vec<&'a Signature>,
}

impl Writes<'_> {
    pub fn record_count(&self) -> usize {
        self.customers.len()
            + self.cases.len()
            + self.revisits.len()
            + self.staff.len()
            + self.open_letters.len()
            + self.signatures.len()
    }

    /// A copy of the records (settings at their defaults), for comparisons.
    pub fn to_dataset(&self) -> Dataset {
        fn owned<T: Clone>(records: &[&T]) -> Vec<T> {
            records.iter().map(|r| (*r).clone()).collect()
        }
        Dataset {
            customers: owned(&self.customers),
            cases: owned(&self.cases),
            revisits: owned(&self.revisits),
            staff: owned(&self.staff),
            open_letters: owned(&self.open_letters),
            signatures: owned(&self.signatures),
            settings: Default::default(),
        }
    }
}

/// The merged records would break a rule that each side kept on its own
/// (e.g. the file reopened a case that this tablet's revisit has a result
/// for). Nothing may be written; the position is in the merged data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("after merging, {}[{index}] (id {id}) would be inconsistent: {problem}", entity.key())]
    Inconsistent { entity: Entity, index: usize, id: Uuid, problem: BackupError },
    /// A refusal without a record position (not expected from a merge of
    /// two valid sides).
    #[error("after merging: {0}")]
    Invalid(BackupError),
}

/// One kind of record, as the merge sees it.
pub(crate) trait Record: Clone + PartialEq + Serialize {
    const ENTITY: Entity;
    fn id(&self) -> Uuid;
    /// When it was entered: with the id, the order storage lists records in.
    fn created(&self) -> DateTime<Utc>;
    /// When it last changed: the newer version wins.
    fn changed(&self) -> DateTime<Utc>;
    fn all(data: &Dataset) -> &[Self];
    fn all_mut(data: &mut Dataset) -> &mut Vec<Self>;
    fn label(&self, merged: &Lookup<'_>) -> Label;
}

/// Households and revisits of the merged data, for labels.
pub(crate) struct Lookup<'a> {
    customers: IdMap<Uuid, &'a Customer>,
    revisits: IdMap<Uuid, &'a Revisit>,
}

impl Lookup<'_> {
    fn household(&self, id: Uuid) -> (Option<String>, Option<Unit>) {
        match self.customers.get(&id) {
            Some(c) => (Some(c.name.clone()), Some(c.unit.clone())),
            None => (None, None),
        }
    }
}

macro_rules! record {
    ($t:ty, $entity:ident, $field:ident, created: $created:ident, changed: $changed:ident, |$r:ident, $look:ident| $label:expr) => {
        impl Record for $t {
            const ENTITY: Entity = Entity::$entity;
            fn id(&self) -> Uuid {
                self.id
            }
            fn created(&self) -> DateTime<Utc> {
                self.$created
            }
            fn changed(&self) -> DateTime<Utc> {
                self.$changed
            }
            fn all(data: &Dataset) -> &[Self] {
                &data.$field
            }
            fn all_mut(data: &mut Dataset) -> &mut Vec<Self> {
                &mut data.$field
            }
            fn label(&self, $look: &Lookup<'_>) -> Label {
                let $r = self;
                $label
            }
        }
    };
}

record!(Customer, Customers, customers, created: created_at, changed: updated_at, |c, _l| Label::Customer {
    name: c.name.clone(),
    unit: c.unit.clone()
});
record!(Case, Cases, cases, created: created_at, changed: updated_at, |c, _l| Label::Case {
    received_on: c.received_on,
    kind: c.kind,
    excerpt: excerpt(&c.description)
});
record!(Revisit, Revisits, revisits, created: created_at, changed: updated_at, |r, l| {
    let (customer, unit) = l.household(r.customer_id);
    Label::Revisit { customer, unit, due_on: r.due_on, round: r.round }
});
record!(Staff, Staff, staff, created: created_at, changed: updated_at, |s, _l| Label::Staff { name: s.name.clone() });
record!(OpenLetter, OpenLetters, open_letters, created: created_at, changed: updated_at, |o, _l| Label::OpenLetter {
    title: o.title.clone(),
    sent_on: o.sent_on
});
// A signature is never edited: its capture time stands for both.
record!(Signature, Signatures, signatures, created: captured_at, changed: captured_at, |s, l| {
    let customer = l.revisits.get(&s.revisit_id).and_then(|r| l.household(r.customer_id).0);
    Label::Signature { customer, captured_at: s.captured_at }
});

/// Storage order: creation time, then id.
fn storage_order<T: Record>(a: &T, b: &T) -> Ordering {
    a.created().cmp(&b.created()).then_with(|| a.id().cmp(&b.id()))
}

/// Which of two different versions of one record is kept: the newer; at
/// equal times the one whose compact JSON is larger, so the choice does
/// not depend on which side is which.
fn winner<T: Record>(local: &T, incoming: &T) -> Side {
    let by_content = || {
        // Plain structs with string keys cannot fail to serialize.
        let l = serde_json::to_vec(local).unwrap_or_default();
        let i = serde_json::to_vec(incoming).unwrap_or_default();
        i.cmp(&l)
    };
    match incoming.changed().cmp(&local.changed()).then_with(by_content) {
        Ordering::Greater => Side::Incoming,
        _ => Side::Local,
    }
}

/// A conflict before its label: the kept version and both times.
struct Pending<T> {
    kept: T,
    local_updated_at: DateTime<Utc>,
    incoming_updated_at: DateTime<Utc>,
    winner: Side,
}

/// Merges one entity into `merged`; also returns where in it the records
/// to put are.
fn merge_entity<T: Record>(
    local: &Dataset,
    incoming: &Dataset,
    merged: &mut Dataset,
) -> (MergeCounts, Vec<usize>, Vec<Pending<T>>) {
    let (local, incoming) = (T::all(local), T::all(incoming));
    let theirs: IdMap<Uuid, &T> = incoming.iter().map(|r| (r.id(), r)).collect();
    let mut ours: IdSet<Uuid> = IdSet::with_capacity_and_hasher(local.len(), Default::default());
    let mut counts = MergeCounts::default();
    let mut kept = Vec::with_capacity(local.len() + incoming.len());
    let mut written: IdSet<Uuid> = IdSet::default();
    let mut pending = Vec::new();
    for l in local {
        ours.insert(l.id());
        match theirs.get(&l.id()) {
            None => {
                counts.kept_local += 1;
                kept.push(l.clone());
            }
            Some(&i) if i == l => {
                counts.unchanged += 1;
                kept.push(l.clone());
            }
            Some(&i) => {
                let side = winner(l, i);
                let version = match side {
                    Side::Incoming => {
                        counts.updated += 1;
                        written.insert(i.id());
                        i
                    }
                    Side::Local => {
                        counts.kept_local += 1;
                        l
                    }
                };
                kept.push(version.clone());
                pending.push(Pending {
                    kept: version.clone(),
                    local_updated_at: l.changed(),
                    incoming_updated_at: i.changed(),
                    winner: side,
                });
            }
        }
    }
    for i in incoming.iter().filter(|i| !ours.contains(&i.id())) {
        counts.added += 1;
        kept.push(i.clone());
        written.insert(i.id());
    }
    kept.sort_by(storage_order);
    pending.sort_by(|a, b| storage_order(&a.kept, &b.kept));
    let at = kept.iter().enumerate().filter(|(_, r)| written.contains(&r.id())).map(|(i, _)| i).collect();
    *T::all_mut(merged) = kept;
    (counts, at, pending)
}

fn label_all<T: Record>(pending: Vec<Pending<T>>, lookup: &Lookup<'_>, out: &mut Vec<Conflict>) {
    out.extend(pending.into_iter().map(|p| Conflict {
        entity: T::ENTITY,
        id: p.kept.id(),
        label: p.kept.label(lookup),
        local_updated_at: p.local_updated_at,
        incoming_updated_at: p.incoming_updated_at,
        winner: p.winner,
    }));
}

/// The id of the record at `index` of `entity`.
fn id_at(data: &Dataset, entity: Entity, index: usize) -> Option<Uuid> {
    fn at<T: Record>(data: &Dataset, index: usize) -> Option<Uuid> {
        T::all(data).get(index).map(Record::id)
    }
    match entity {
        Entity::Customers => at::<Customer>(data, index),
        Entity::Cases => at::<Case>(data, index),
        Entity::Revisits => at::<Revisit>(data, index),
        Entity::Staff => at::<Staff>(data, index),
        Entity::OpenLetters => at::<OpenLetter>(data, index),
        Entity::Signatures => at::<Signature>(data, index),
    }
}

fn positioned(data: &Dataset, problem: BackupError) -> MergeError {
    let at = match &problem {
        BackupError::Invalid { entity, index, .. }
        | BackupError::Malformed { entity, index, .. }
        | BackupError::DuplicateId { entity, index, .. }
        | BackupError::Dangling { entity, index, .. } => Some((*entity, *index)),
        _ => None,
    };
    match at.and_then(|(entity, index)| Some((entity, index, id_at(data, entity, index)?))) {
        Some((entity, index, id)) => MergeError::Inconsistent { entity, index, id, problem },
        None => MergeError::Invalid(problem),
    }
}

/// Joins the file's records (`incoming`) with this tablet's (`local`) by
/// id, as the module documentation says. Both sides are expected to be
/// valid on their own (from storage, and from [`super::parse`]); the
/// result is checked again as a whole.
pub fn merge(local: &Dataset, incoming: &Dataset) -> Result<Merge, MergeError> {
    let mut merged = Dataset { settings: local.settings.clone(), ..Dataset::default() };
    let (customers, w_customers, p_customers) = merge_entity::<Customer>(local, incoming, &mut merged);
    let (cases, w_cases, p_cases) = merge_entity::<Case>(local, incoming, &mut merged);
    let (revisits, w_revisits, p_revisits) = merge_entity::<Revisit>(local, incoming, &mut merged);
    let (staff, w_staff, p_staff) = merge_entity::<Staff>(local, incoming, &mut merged);
    let (letters, w_letters, p_letters) = merge_entity::<OpenLetter>(local, incoming, &mut merged);
    let (signatures, w_signatures, p_signatures) = merge_entity::<Signature>(local, incoming, &mut merged);
    check_dataset(&merged).map_err(|problem| positioned(&merged, problem))?;

    let mut conflicts = Vec::new();
    let any = [p_customers.len(), p_cases.len(), p_revisits.len(), p_staff.len(), p_letters.len(), p_signatures.len()];
    if any.iter().any(|&n| n > 0) {
        let lookup = Lookup {
            customers: merged.customers.iter().map(|c| (c.id, c)).collect(),
            revisits: merged.revisits.iter().map(|r| (r.id, r)).collect(),
        };
        label_all(p_customers, &lookup, &mut conflicts);
        label_all(p_cases, &lookup, &mut conflicts);
        label_all(p_revisits, &lookup, &mut conflicts);
        label_all(p_staff, &lookup, &mut conflicts);
        label_all(p_letters, &lookup, &mut conflicts);
        label_all(p_signatures, &lookup, &mut conflicts);
    }
    Ok(Merge {
        counts: [
            (Entity::Customers, customers),
            (Entity::Cases, cases),
            (Entity::Revisits, revisits),
            (Entity::Staff, staff),
            (Entity::OpenLetters, letters),
            (Entity::Signatures, signatures),
        ],
        conflicts,
        settings_differ: local.settings != incoming.settings,
        merged,
        written: [w_customers, w_cases, w_revisits, w_staff, w_letters, w_signatures],
    })
}
