//! The customer form (客户): contact details and preference (rule 12),
//! move-in facts (rule 4) and the sales class (rule 16); and the move-in
//! case a move-in date implies.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{optional_date, phone_ok, text, Field, FieldError, Problem, NAME_MAX, PHONE_MAX, UNIT_PART_MAX};
use crate::model::{Case, CaseKind, ContactPreference, Customer, SalesClass, Unit};

pub const EMAIL_MAX: usize = 100;
/// Further numbers beyond the main one.
pub const OTHER_PHONES_MAX: usize = 5;

/// What the customer form submits. Dates are form values (`YYYY-MM-DD`, empty = none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDraft {
    pub name: String,
    pub phone: String,
    pub building: String,
    pub entrance: String,
    pub room: String,
    /// Further numbers: see [`split_phones`].
    pub other_phones: String,
    pub email: String,
    pub contact: ContactPreference,
    pub moved_in_on: String,
    pub decorating: bool,
    pub resident: bool,
    pub sales_class: Option<SalesClass>,
    pub sales_class_since: String,
}

impl Default for CustomerDraft {
    fn default() -> Self {
        CustomerDraft {
            name: String::new(),
            phone: String::new(),
            building: String::new(),
            entrance: String::new(),
            room: String::new(),
            other_phones: String::new(),
            email: String::new(),
            contact: ContactPreference::Any,
            moved_in_on: String::new(),
            decorating: false,
            // A household on record lives there unless staff say otherwise (rule 4).
            resident: true,
            sales_class: None,
            sales_class_since: String::new(),
        }
    }
}

/// Splits the "other phones" field. Numbers are separated by commas, 、,
/// semicolons, slashes or new lines; spaces separate numbers only when every
/// space-separated part is a whole number on its own (7+ digits), because
/// staff also type one number in groups ("138 0000 1111").
pub fn split_phones(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let pieces = value.split([',', '，', ';', '；', '、', '/', '\n']).map(str::trim).filter(|p| !p.is_empty());
    for piece in pieces {
        let words: Vec<&str> = piece.split_whitespace().collect();
        let whole = |w: &&str| phone_ok(w) && w.chars().filter(char::is_ascii_digit).count() >= 7;
        let numbers = if words.len() > 1 && words.iter().all(whole) {
            words.iter().map(|w| (*w).to_owned()).collect()
        } else {
            vec![words.join(" ")]
        };
        for n in numbers {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// A plain check that catches typing slips, not a full RFC 5322 parser.
fn email_ok(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && email.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

impl CustomerDraft {
    /// The form filled with a stored customer, for editing.
    pub fn of(c: &Customer) -> Self {
        CustomerDraft {
            name: c.name.clone(),
            phone: c.phone.clone(),
            building: c.unit.building.clone(),
            entrance: c.unit.entrance.clone(),
            room: c.unit.room.clone(),
            other_phones: c.other_phones.join(", "),
            email: c.email.clone(),
            contact: c.contact,
            moved_in_on: c.moved_in_on.map(|d| d.to_string()).unwrap_or_default(),
            decorating: c.decorating,
            resident: c.resident,
            sales_class: c.sales_class,
            sales_class_since: c.sales_class_since.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// A new customer; dates are not compared with today (see [`Self::validate_on`]).
    pub fn validate(&self, id: Uuid, now: DateTime<Utc>) -> Result<Customer, Vec<FieldError>> {
        self.build(id, None, now)
    }

    /// A new customer from the form: dates also may not be after `today`.
    pub fn validate_on(&self, id: Uuid, today: NaiveDate, now: DateTime<Utc>) -> Result<Customer, Vec<FieldError>> {
        self.build(id, Some(today), now)
    }

    /// `old` edited: same id and creation time.
    pub fn revise(&self, old: &Customer, today: NaiveDate, now: DateTime<Utc>) -> Result<Customer, Vec<FieldError>> {
        let c = self.build(old.id, Some(today), now)?;
        Ok(Customer { created_at: old.created_at, revision: old.revision, ..c })
    }

    fn build(&self, id: Uuid, today: Option<NaiveDate>, now: DateTime<Utc>) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = text(Field::Name, &self.name, NAME_MAX, true, &mut errors);
        let phone = text(Field::Phone, &self.phone, PHONE_MAX, true, &mut errors);
        if !phone.is_empty() && phone.chars().count() <= PHONE_MAX && !phone_ok(&phone) {
            errors.push(FieldError::new(Field::Phone, Problem::InvalidPhone));
        }
        let unit = Unit {
            building: text(Field::Building, &self.building, UNIT_PART_MAX, true, &mut errors),
            entrance: text(Field::Entrance, &self.entrance, UNIT_PART_MAX, true, &mut errors),
            room: text(Field::Room, &self.room, UNIT_PART_MAX, true, &mut errors),
        };
        let other_phones: Vec<String> = split_phones(&self.other_phones).into_iter().filter(|p| *p != phone).collect();
        if other_phones.len() > OTHER_PHONES_MAX {
            errors.push(FieldError::new(Field::OtherPhones, Problem::TooMany { max: OTHER_PHONES_MAX }));
        } else if other_phones.iter().any(|p| p.chars().count() > PHONE_MAX) {
            errors.push(FieldError::new(Field::OtherPhones, Problem::TooLong { max: PHONE_MAX }));
        } else if !other_phones.iter().all(|p| phone_ok(p)) {
            errors.push(FieldError::new(Field::OtherPhones, Problem::InvalidPhone));
        }
        let email = text(Field::Email, &self.email, EMAIL_MAX, false, &mut errors);
        if !email.is_empty() && email.chars().count() <= EMAIL_MAX && !email_ok(&email) {
            errors.push(FieldError::new(Field::Email, Problem::InvalidEmail));
        }
        // Rule 12: a customer who refuses calls is written to instead, so
        // "email instead" needs an address.
        if self.contact == ContactPreference::NoCallsEmail && email.is_empty() {
            errors.push(FieldError::new(Field::Email, Problem::Required));
        }
        let moved_in_on = optional_date(Field::MovedInOn, &self.moved_in_on, today, &mut errors);
        // Rule 16: cadences count from the day the class was given.
        let sales_class_since = match self.sales_class {
            None => None,
            Some(_) if self.sales_class_since.trim().is_empty() => {
                errors.push(FieldError::new(Field::SalesClassSince, Problem::Required));
                None
            }
            Some(_) => optional_date(Field::SalesClassSince, &self.sales_class_since, today, &mut errors),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Customer {
            other_phones,
            email,
            contact: self.contact,
            moved_in_on,
            decorating: self.decorating,
            resident: self.resident,
            sales_class: self.sales_class,
            sales_class_since,
            ..Customer::new(id, name, phone, unit, now)
        })
    }
}

/// Checks a stored or imported customer by the same rules as the form.
pub fn check_customer(c: &Customer) -> Vec<FieldError> {
    match CustomerDraft::of(c).validate(c.id, c.created_at) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

/// The move-in case (入伙) a customer's move-in date implies, to be saved
/// with the customer (rule 4: the living-experience revisit counts from the
/// day they moved in, the case's `completed_on`). `None` when there is
/// nothing to save: no move-in date, or a move-in case with that date
/// already on record. A move-in case with another date is returned
/// corrected, so a fixed typo moves the revisit too.
pub fn move_in_case(customer: &Customer, cases: &[Case], id: Uuid, now: DateTime<Utc>) -> Option<Case> {
    let moved_in = customer.moved_in_on?;
    let existing = cases.iter().find(|c| c.kind == CaseKind::MoveIn && c.customer_id == Some(customer.id));
    match existing {
        Some(c) if c.completed_on == Some(moved_in) => None,
        Some(c) => Some(Case { received_on: moved_in, completed_on: Some(moved_in), updated_at: now, ..c.clone() }),
        None => Some(Case {
            completed_on: Some(moved_in),
            ..Case::new(id, Some(customer.id), CaseKind::MoveIn, moved_in, String::new(), now)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    const TODAY: &str = "2026-11-23";

    fn draft() -> CustomerDraft {
        CustomerDraft {
            name: "张三".into(),
            phone: "13800000000".into(),
            building: "3".into(),
            entrance: "2".into(),
            room: "1201".into(),
            ..CustomerDraft::default()
        }
    }

    fn errors_of(draft: CustomerDraft) -> Vec<FieldError> {
        draft.validate_on(Uuid::from_u128(1), d(TODAY), now()).unwrap_err()
    }

    fn has(errors: &[FieldError], field: Field, problem: Problem) -> bool {
        errors.contains(&FieldError::new(field, problem))
    }

    #[test]
    fn the_defaults_describe_a_resident_household_with_no_extras() {
        let c = draft().validate_on(Uuid::from_u128(1), d(TODAY), now()).unwrap();
        assert!(c.resident && !c.decorating);
        assert_eq!((c.other_phones.len(), c.email.as_str(), c.moved_in_on, c.sales_class), (0, "", None, None));
        assert_eq!(check_customer(&c), vec![]);
    }

    #[test]
    fn other_phones_split_on_separators_but_keep_grouped_digits_together() {
        assert_eq!(
            split_phones("138 0000 1111, 0755-1234567；13911112222"),
            ["138 0000 1111", "0755-1234567", "13911112222"]
        );
        assert_eq!(split_phones("13800001111 13900002222"), ["13800001111", "13900002222"]);
        assert_eq!(split_phones(" 、 ,\n"), Vec::<String>::new());
        assert_eq!(split_phones("13800001111, 13800001111"), ["13800001111"], "repeats are dropped");
    }

    #[test]
    fn other_phones_are_kept_and_a_bad_one_is_refused() {
        let c = CustomerDraft { other_phones: "13911112222、13800000000".into(), ..draft() }
            .validate_on(Uuid::from_u128(1), d(TODAY), now())
            .unwrap();
        assert_eq!(c.other_phones, ["13911112222"], "the main number is not repeated");
        let errors = errors_of(CustomerDraft { other_phones: "139111, call me".into(), ..draft() });
        assert!(has(&errors, Field::OtherPhones, Problem::InvalidPhone));
        let many = (0..=OTHER_PHONES_MAX).map(|i| format!("1390000000{i}")).collect::<Vec<_>>().join(",");
        assert!(has(
            &errors_of(CustomerDraft { other_phones: many, ..draft() }),
            Field::OtherPhones,
            Problem::TooMany { max: OTHER_PHONES_MAX }
        ));
    }

    #[test]
    fn an_email_is_optional_but_must_look_like_one() {
        for bad in ["zhang", "zhang@", "@x.cn", "zhang@x", "zhang@@x.cn", "zh ang@x.cn", "zhang@x..cn"] {
            let errors = errors_of(CustomerDraft { email: bad.into(), ..draft() });
            assert!(has(&errors, Field::Email, Problem::InvalidEmail), "{bad}");
        }
        let c = CustomerDraft { email: " zhang@example.cn ".into(), ..draft() }
            .validate_on(Uuid::from_u128(1), d(TODAY), now())
            .unwrap();
        assert_eq!(c.email, "zhang@example.cn");
    }

    #[test]
    fn rule_12_a_customer_who_wants_email_instead_of_calls_needs_an_address() {
        let errors = errors_of(CustomerDraft { contact: ContactPreference::NoCallsEmail, ..draft() });
        assert_eq!(errors, vec![FieldError::new(Field::Email, Problem::Required)]);
        let sms = CustomerDraft { contact: ContactPreference::NoCallsSms, ..draft() };
        assert!(sms.validate_on(Uuid::from_u128(1), d(TODAY), now()).unwrap().contact.refuses_calls());
    }

    #[test]
    fn rule_4_move_in_date_decorating_and_residence_are_recorded() {
        let c = CustomerDraft { moved_in_on: "2026-08-20".into(), decorating: true, resident: false, ..draft() }
            .validate_on(Uuid::from_u128(1), d(TODAY), now())
            .unwrap();
        assert_eq!((c.moved_in_on, c.decorating, c.resident), (Some(d("2026-08-20")), true, false));
        let errors = errors_of(CustomerDraft { moved_in_on: "2026-12-01".into(), ..draft() });
        assert_eq!(errors, vec![FieldError::new(Field::MovedInOn, Problem::InFuture)]);
        let errors = errors_of(CustomerDraft { moved_in_on: "2026-02-30".into(), ..draft() });
        assert_eq!(errors, vec![FieldError::new(Field::MovedInOn, Problem::InvalidDate)]);
    }

    #[test]
    fn rule_16_a_sales_class_needs_the_day_it_was_given() {
        let errors = errors_of(CustomerDraft { sales_class: Some(SalesClass::A), ..draft() });
        assert_eq!(errors, vec![FieldError::new(Field::SalesClassSince, Problem::Required)]);
        let c = CustomerDraft { sales_class: Some(SalesClass::C), sales_class_since: "2026-11-20".into(), ..draft() }
            .validate_on(Uuid::from_u128(1), d(TODAY), now())
            .unwrap();
        assert_eq!((c.sales_class, c.sales_class_since), (Some(SalesClass::C), Some(d("2026-11-20"))));
        // Without a class the date means nothing and is not kept.
        let c = CustomerDraft { sales_class_since: "2026-11-20".into(), ..draft() }
            .validate_on(Uuid::from_u128(1), d(TODAY), now())
            .unwrap();
        assert_eq!(c.sales_class_since, None);
    }

    #[test]
    fn editing_keeps_the_id_and_creation_time_and_round_trips_the_form() {
        let old = CustomerDraft {
            other_phones: "13911112222".into(),
            sales_class: Some(SalesClass::Deal),
            sales_class_since: "2026-10-01".into(),
            ..draft()
        }
        .validate_on(Uuid::from_u128(9), d(TODAY), now())
        .unwrap();
        // Saved four times already: the edit starts from that revision.
        let old = Customer { revision: 4, ..old };
        let later = now() + chrono::Duration::days(1);
        let edited =
            CustomerDraft { name: "张三丰".into(), ..CustomerDraft::of(&old) }.revise(&old, d(TODAY), later).unwrap();
        assert_eq!((edited.id, edited.created_at, edited.updated_at), (old.id, old.created_at, later));
        assert_eq!(Customer { name: old.name.clone(), updated_at: old.updated_at, ..edited }, old);
    }

    #[test]
    fn rule_4_a_move_in_date_implies_one_move_in_case_completed_that_day() {
        let c = CustomerDraft { moved_in_on: "2026-08-20".into(), ..draft() }
            .validate_on(Uuid::from_u128(1), d(TODAY), now())
            .unwrap();
        let case = move_in_case(&c, &[], Uuid::from_u128(2), now()).unwrap();
        assert_eq!((case.kind, case.customer_id), (CaseKind::MoveIn, Some(c.id)));
        assert_eq!((case.received_on, case.completed_on), (d("2026-08-20"), Some(d("2026-08-20"))));
        assert_eq!(super::super::check_case(&case), vec![]);
        // Already on record: nothing to save.
        assert_eq!(move_in_case(&c, std::slice::from_ref(&case), Uuid::from_u128(3), now()), None);
        // The date corrected: the same case, moved.
        let fixed = Customer { moved_in_on: Some(d("2026-08-18")), ..c.clone() };
        let moved = move_in_case(&fixed, std::slice::from_ref(&case), Uuid::from_u128(3), now()).unwrap();
        assert_eq!((moved.id, moved.completed_on), (case.id, Some(d("2026-08-18"))));
        // No date, no case; another household's move-in does not count.
        assert_eq!(move_in_case(&Customer { moved_in_on: None, ..c.clone() }, &[], Uuid::from_u128(3), now()), None);
        let other = Customer { id: Uuid::from_u128(5), ..c };
        assert_eq!(
            move_in_case(&other, &[case], Uuid::from_u128(4), now()).map(|k| k.customer_id),
            Some(Some(other.id))
        );
    }
}
