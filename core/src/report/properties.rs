//! Properties of the monthly report over generated offices (`sample`).

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::eligibility::eligible_cases;
use crate::model::Index;
use crate::sample::office;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap().checked_add_days(Days::new(offset)).unwrap()
}

fn months_back(m: YearMonth, n: i64) -> YearMonth {
    from_month_number(month_number(m) - n)
}

/// A small office, a report month within its last 14 months, and "today".
fn office_and_month() -> impl Strategy<Value = (Dataset, YearMonth, NaiveDate)> {
    (1usize..60, 0usize..500, 0usize..1000, any::<u64>(), 0u64..600, 0i64..14).prop_map(
        |(households, cases, revisits, seed, today, back)| {
            let today = day(today);
            (office(households, cases, revisits, seed, today), months_back(YearMonth::of(today), back), today)
        },
    )
}

fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        items.swap(i, (*seed >> 33) as usize % (i + 1));
    }
}

fn counts(t: &Tally) -> [u32; 8] {
    [t.eligible, t.revisited, t.on_time, t.overdue, t.by_letter, t.satisfied, t.neutral, t.dissatisfied]
}

fn sum<'a>(tallies: impl Iterator<Item = &'a Tally>) -> [u32; 8] {
    tallies.fold([0; 8], |mut acc, t| {
        for (a, c) in acc.iter_mut().zip(counts(t)) {
            *a += c;
        }
        acc
    })
}

fn every_tally(r: &MonthlyReport) -> Vec<Tally> {
    let kinds = r.by_kind.iter().map(|k| k.tally);
    let staff = r.by_staff.iter().map(|s| s.tally);
    let buildings = r.by_building.iter().map(|b| b.tally);
    kinds.chain(staff).chain(buildings).chain(r.trend.iter().map(|p| p.tally)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// revisited ≤ eligible, on_time ≤ revisited, and the satisfaction
    /// tallies cover exactly the revisits that reached someone.
    #[test]
    fn statistics_every_row_adds_up((data, month, today) in office_and_month()) {
        let r = monthly_report(&data, month, today);
        for t in every_tally(&r) {
            prop_assert!(t.revisited <= t.eligible, "{t:?}");
            prop_assert!(t.on_time <= t.revisited, "{t:?}");
            prop_assert!(t.by_letter <= t.revisited, "{t:?}");
            prop_assert!(t.overdue <= t.eligible - t.revisited, "overdue cases are unrevisited: {t:?}");
            prop_assert_eq!(t.completed(), t.revisited - t.by_letter, "{:?}", t);
            if let Some(rate) = t.rate_permille() { prop_assert!(rate <= 1000); }
            prop_assert!(t.target.0 <= 100);
        }
        prop_assert!(r.handling.answered <= r.handling.raised);
    }

    /// Staff, building and kind rows are three cuts of the same cases.
    #[test]
    fn statistics_staff_and_building_rows_sum_to_the_kind_totals((data, month, today) in office_and_month()) {
        let r = monthly_report(&data, month, today);
        let by_kind = sum(r.by_kind.iter().filter(|k| k.severity.is_none()).map(|k| &k.tally));
        prop_assert_eq!(sum(r.by_staff.iter().map(|s| &s.tally)), by_kind);
        prop_assert_eq!(sum(r.by_building.iter().map(|b| &b.tally)), by_kind);
        prop_assert_eq!(counts(&r.total()), by_kind);
        let severities = sum(r.by_kind.iter().filter(|k| k.severity.is_some()).map(|k| &k.tally));
        let complaints = r.by_kind.iter().find(|k| k.kind == CaseKind::Complaint && k.severity.is_none());
        prop_assert_eq!(complaints.map(|k| counts(&k.tally)), Some(severities));
    }

    /// The trend is the 12 consecutive months ending with the report's.
    #[test]
    fn statistics_the_trend_ends_with_the_month((data, month, today) in office_and_month()) {
        let r = monthly_report(&data, month, today);
        let months: Vec<YearMonth> = r.trend.iter().map(|p| p.month).collect();
        let expected: Vec<YearMonth> = (0..12).rev().map(|n| months_back(month, n)).collect();
        prop_assert_eq!(months, expected);
    }

    /// Storage order is an accident of how the data arrived (typing,
    /// imports, merges): the report must not depend on it.
    #[test]
    fn statistics_the_report_is_the_same_for_any_storage_order(
        (data, month, today) in office_and_month(),
        mut seed in any::<u64>(),
    ) {
        let mut shuffled = data.clone();
        shuffle(&mut shuffled.customers, &mut seed);
        shuffle(&mut shuffled.cases, &mut seed);
        shuffle(&mut shuffled.revisits, &mut seed);
        shuffle(&mut shuffled.staff, &mut seed);
        shuffle(&mut shuffled.open_letters, &mut seed);
        for letter in &mut shuffled.open_letters {
            shuffle(&mut letter.case_ids, &mut seed);
        }
        prop_assert_eq!(monthly_report(&shuffled, month, today), monthly_report(&data, month, today));
    }

    /// The report's year-long scope picks the same cases, in the same order,
    /// with the same selection, as the whole-history `eligible_cases`.
    #[test]
    fn statistics_the_scope_matches_eligible_cases_and_selection((data, month, _today) in office_and_month()) {
        let index = Index::new(&data);
        let ex = Exemptions::new(&data);
        let last = month_number(month);
        let in_scope = |e: &crate::eligibility::Eligible<'_>| {
            (last - 11..=last).contains(&month_number(YearMonth::of(e.window.anchor)))
        };
        let all = eligible_cases(&data, &index, &ex);
        let full_picks = picks_by_id(&all, &selection(&all, &index, &ex, &data.settings.policies));
        let expected: Vec<_> = all.iter().filter(|e| in_scope(e)).map(|e| (e.case.id, e.policy_key, e.window)).collect();

        let scope = scope::scope(&data, &ex, from_month_number(last - 11).first_day(), last_day(month), |_| {});
        let got: Vec<_> = scope.eligible.iter().map(|e| (e.case.id, e.policy_key, e.window)).collect();
        prop_assert_eq!(&got, &expected);
        let picks = picks_by_id(&scope.eligible, &selection(&scope.eligible, &scope.index, &ex, &data.settings.policies));
        let letters = letter_dates(&data);
        for e in &scope.eligible {
            let letter = letters.get(&e.case.id.as_u128()).copied();
            prop_assert_eq!(letter, ex.open_letter(e.case.id).map(|(_, on)| on));
            prop_assert_eq!(picks.get(&e.case.id), full_picks.get(&e.case.id));
            let mut theirs: Vec<_> = index.revisits_by_case.get(&e.case.id).into_iter().flatten().map(|r| r.id).collect();
            let i = scope.eligible.iter().position(|x| x.case.id == e.case.id).unwrap();
            let mut ours: Vec<_> = scope.records(i).iter().map(|r| r.id).collect();
            theirs.sort();
            ours.sort();
            prop_assert_eq!(ours, theirs);
        }
    }

    /// Rule 2: ⌈share⌉ of the quarter's completed repair revisits, all of them repairs of that quarter.
    #[test]
    fn rule_2_the_repair_sample_is_the_share_of_the_quarters_repair_revisits(
        (data, month, today) in office_and_month(),
        share in 0u8..=100,
    ) {
        let mut data = data;
        data.settings.policies.repair_sample = Percent(share);
        let (q_first, q_last) = repair_sample::quarter_of(month);
        let repairs: std::collections::HashSet<Uuid> =
            data.cases.iter().filter(|c| c.kind == CaseKind::Repair).map(|c| c.id).collect();
        let candidates: Vec<Uuid> = data
            .revisits
            .iter()
            .filter(|r| r.case_id.is_some_and(|c| repairs.contains(&c)))
            .filter(|r| r.result.as_ref().is_some_and(|res| (q_first..=q_last).contains(&YearMonth::of(res.visited_on))))
            .map(|r| r.id)
            .collect();
        let sample = monthly_report(&data, month, today).repair_sample;
        prop_assert_eq!(sample.len(), (candidates.len() * usize::from(share)).div_ceil(100));
        prop_assert!(sample.iter().all(|id| candidates.contains(id)));
    }
}
