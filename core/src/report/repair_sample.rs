//! The supervisor's quarterly re-check of repair records (rule 2, seed 004:
//! "客户服务中心主任每季度对报修记录抽查回访20%").

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::calendar::YearMonth;
use crate::id_map::IdSet;
use crate::model::{CaseKind, Dataset};
use crate::policy::Percent;

/// The quarter (first month, last month) that contains `month`.
pub(crate) fn quarter_of(month: YearMonth) -> (YearMonth, YearMonth) {
    let first = (month.month - 1) / 3 * 3 + 1;
    (YearMonth { year: month.year, month: first }, YearMonth { year: month.year, month: first + 2 })
}

/// The sample from the quarter's completed case revisits, given as
/// (revisit id, case id): those of repair cases are the candidates.
pub(crate) fn quarter_sample(completed: Vec<(Uuid, Uuid)>, data: &Dataset) -> Vec<Uuid> {
    let cases: IdSet<u128> = completed.iter().map(|&(_, case)| case.as_u128()).collect();
    let repairs: IdSet<u128> = data
        .cases
        .iter()
        .map(|c| (c.kind, c.id.as_u128()))
        .filter(|&(kind, id)| kind == CaseKind::Repair && cases.contains(&id))
        .map(|(_, id)| id)
        .collect();
    let candidates =
        completed.into_iter().filter(|(_, case)| repairs.contains(&case.as_u128())).map(|(r, _)| r).collect();
    sample(candidates, data.settings.policies.repair_sample)
}

/// `share` (rounded up) of the candidates, chosen by the SHA-256 of their
/// ids: the same records always give the same sample, whatever order they
/// are stored in, and nobody can steer which records get checked.
pub(crate) fn sample(mut candidates: Vec<Uuid>, share: Percent) -> Vec<Uuid> {
    let n = candidates.len() as u64;
    let take = (n * u64::from(share.0.min(100))).div_ceil(100) as usize;
    candidates.sort_by_cached_key(|id| (Sha256::digest(id.as_bytes()), *id));
    candidates.truncate(take);
    candidates.sort_unstable();
    candidates
}
