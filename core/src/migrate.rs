//! Record migrations from earlier shapes, shared by the backup import
//! (format v1 files) and the IndexedDB upgrade (schema v1 rows), so both
//! paths turn old data into the same new records.
//!
//! Each function is safe to re-run: a record already in the new shape is
//! returned unchanged.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::id_map::IdMap;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    #[error("not an object")]
    NotAnObject,
    #[error("field {0} is missing or malformed")]
    Field(&'static str),
    #[error("its case {0} is unknown")]
    UnknownCase(Uuid),
}

/// The household of each case, read from raw case records of any version
/// (what a v1 revisit needs to find its customer).
pub fn customers_of_cases<'a>(cases: impl IntoIterator<Item = &'a Value>) -> IdMap<Uuid, Uuid> {
    let uuid = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
    cases.into_iter().filter_map(|c| Some((uuid(c, "id")?, uuid(c, "customer_id")?))).collect()
}

/// Whether a revisit record is still in the v1 shape (a completed revisit
/// with the result fields at the top level).
pub fn is_v1_revisit(v: &Value) -> bool {
    v.get("result").is_none() && v.get("satisfaction").is_some()
}

/// Revisit v1 → v2: the result fields move under `result`, the household
/// is taken from the case, and the due date is the visit day (v1 kept no
/// due date; the visit is the best evidence of when it was due).
pub fn revisit_v1_to_v2(v: Value, customer_of_case: impl Fn(Uuid) -> Option<Uuid>) -> Result<Value, MigrateError> {
    if !is_v1_revisit(&v) {
        return Ok(v);
    }
    let Value::Object(mut old) = v else { return Err(MigrateError::NotAnObject) };
    let case_id = old
        .get("case_id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or(MigrateError::Field("case_id"))?;
    let customer_id = customer_of_case(case_id).ok_or(MigrateError::UnknownCase(case_id))?;
    let mut take = |k: &'static str| old.remove(k).ok_or(MigrateError::Field(k));
    let method = take("method")?;
    let visited_on = take("visited_on")?;
    let content = take("content")?;
    let satisfaction = take("satisfaction")?;
    let mut new: Map<String, Value> = old;
    new.insert("customer_id".into(), json!(customer_id));
    new.insert("due_on".into(), visited_on.clone());
    new.insert(
        "result".into(),
        json!({
            "method": method,
            "visited_on": visited_on,
            "content": content,
            "satisfaction": satisfaction,
        }),
    );
    Ok(Value::Object(new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Method, Revisit, Satisfaction};

    fn v1() -> Value {
        json!({
            "id": "00000000-0000-0000-0000-000000000009",
            "case_id": "00000000-0000-0000-0000-000000000002",
            "round": 1,
            "method": "phone",
            "visited_on": "2026-11-20",
            "content": "已修好",
            "satisfaction": "satisfied",
            "created_at": "2026-11-20T02:00:00Z",
            "updated_at": "2026-11-20T02:00:00Z"
        })
    }

    #[test]
    fn a_v1_revisit_becomes_a_completed_v2_revisit_of_the_cases_household() {
        let customer = Uuid::from_u128(1);
        let migrated = revisit_v1_to_v2(v1(), |_| Some(customer)).unwrap();
        let r: Revisit = serde_json::from_value(migrated).unwrap();
        assert_eq!(r.customer_id, customer);
        assert_eq!(r.case_id, Some(Uuid::from_u128(2)));
        let result = r.result.unwrap();
        assert_eq!((result.method, result.satisfaction), (Method::Phone, Satisfaction::Satisfied));
        assert_eq!(result.content, "已修好");
        assert_eq!(r.due_on.to_string(), "2026-11-20");
        assert!(r.attempts.is_empty() && r.closure.is_none());
    }

    #[test]
    fn migrating_twice_changes_nothing_more() {
        let once = revisit_v1_to_v2(v1(), |_| Some(Uuid::from_u128(1))).unwrap();
        let twice = revisit_v1_to_v2(once.clone(), |_| None).unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn a_v1_revisit_of_an_unknown_case_is_refused_not_guessed() {
        assert_eq!(revisit_v1_to_v2(v1(), |_| None), Err(MigrateError::UnknownCase(Uuid::from_u128(2))));
    }
}
