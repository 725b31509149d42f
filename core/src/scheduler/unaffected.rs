//! Which writes leave the plan as it is, so that it need not be worked out
//! again over every case: only edits of a household's name and contact
//! numbers, which no rule reads. Anything else — a new record, a case, a
//! revisit, staff, a letter, the settings, or a household's unit, contact
//! preference, move-in, residence or sales class — may change it.

use crate::model::{Changes, Customer, Dataset, Positions};

/// Whether the plan over `data` (found through `at`) is still the plan
/// once `changes` are applied.
pub fn keeps_plan(data: &Dataset, at: &Positions, changes: &Changes) -> bool {
    let Changes {
        customers,
        cases,
        revisits,
        staff,
        open_letters,
        signatures,
        removed_revisits,
        removed_signatures,
        settings,
    } = changes;
    let only_customers = cases.is_empty()
        && revisits.is_empty()
        && staff.is_empty()
        && open_letters.is_empty()
        && signatures.is_empty()
        && removed_revisits.is_empty()
        && removed_signatures.is_empty()
        && settings.is_none();
    only_customers && customers.iter().all(|new| at.customer(data, new.id).is_some_and(|old| plans_alike(old, new)))
}

/// The same household for every rule: they differ at most in what is
/// only shown or called (name, numbers, email) and when it was edited.
fn plans_alike(a: &Customer, b: &Customer) -> bool {
    // Spelled out, so that a field added later counts as read by the
    // rules until it is listed here.
    let Customer {
        id,
        name: _,
        phone: _,
        other_phones: _,
        email: _,
        unit,
        contact,
        moved_in_on,
        decorating,
        resident,
        sales_class,
        sales_class_since,
        created_at,
        updated_at: _,
        revision: _,
    } = a;
    *id == b.id
        && *unit == b.unit
        && *contact == b.contact
        && *moved_in_on == b.moved_in_on
        && *decorating == b.decorating
        && *resident == b.resident
        && *sales_class == b.sales_class
        && *sales_class_since == b.sales_class_since
        && *created_at == b.created_at
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;
    use crate::model::{ContactPreference, SalesClass};
    use crate::sample::office;
    use crate::scheduler::plan;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn after(data: &Dataset, changes: &Changes) -> Dataset {
        let mut next = data.clone();
        next.apply(changes.clone());
        next
    }

    #[test]
    fn renaming_a_household_or_changing_its_numbers_keeps_the_plan() {
        let data = office(300, 1_200, 2_400, 11, today());
        let at = Positions::new(&data);
        let before = plan(&data, today());
        for i in [0, 7, 150, 299] {
            let mut c = data.customers[i].clone();
            c.name.push_str("（更正）");
            c.phone = "13912345678".into();
            c.other_phones.push("0755-1234567".into());
            c.email = "household@example.cn".into();
            c.updated_at += Duration::minutes(5);
            let changes = Changes::customer(c);
            assert!(keeps_plan(&data, &at, &changes));
            assert_eq!(plan(&after(&data, &changes), today()), before, "customer {i}");
        }
    }

    #[test]
    fn what_the_rules_read_of_a_household_asks_for_a_new_plan() {
        let data = office(300, 1_200, 2_400, 11, today());
        let at = Positions::new(&data);
        let edits: [fn(&mut Customer); 7] = [
            // Rule 2: the area's assistant.
            |c| c.unit.building.push('9'),
            // Rule 12: how the household may be reached.
            |c| {
                c.contact = match c.contact {
                    ContactPreference::Any => ContactPreference::NoCallsSms,
                    _ => ContactPreference::Any,
                }
            },
            // Rule 4: the move-in revisit.
            |c| c.moved_in_on = Some(c.moved_in_on.map_or(NaiveDate::MIN, |d| d + Duration::days(1))),
            |c| c.decorating = !c.decorating,
            |c| c.resident = !c.resident,
            // Rule 16: the sales centre's cadence.
            |c| c.sales_class = if c.sales_class == Some(SalesClass::A) { None } else { Some(SalesClass::A) },
            |c| c.sales_class_since = Some(c.sales_class_since.map_or(NaiveDate::MIN, |d| d + Duration::days(1))),
        ];
        for (n, edit) in edits.iter().enumerate() {
            let mut c = data.customers[3].clone();
            edit(&mut c);
            assert!(!keeps_plan(&data, &at, &Changes::customer(c)), "edit {n}");
        }
        // A new household, and every other kind of write.
        let mut new = data.customers[3].clone();
        new.id = uuid::Uuid::from_u128(0xFEED);
        assert!(!keeps_plan(&data, &at, &Changes::customer(new)));
        assert!(!keeps_plan(&data, &at, &Changes::case(data.cases[0].clone())));
        assert!(!keeps_plan(&data, &at, &Changes::revisit(data.revisits[0].clone())));
        assert!(!keeps_plan(&data, &at, &Changes::staff(data.staff[0].clone())));
        assert!(!keeps_plan(&data, &at, &Changes::settings(data.settings.clone())));
    }
}
