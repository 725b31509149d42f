//! The by-building rows, in the order people read building names.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::tally::TallyAcc;
use super::BuildingRow;

/// Compares names with their digit runs as numbers, so "2栋" comes before
/// "10栋" and "A3" before "A12"; plain text order breaks remaining ties.
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (xn, xr) = split_digits(x);
                let (yn, yr) = split_digits(y);
                let (xt, yt) = (xn.trim_start_matches('0'), yn.trim_start_matches('0'));
                let ord = xt.len().cmp(&yt.len()).then_with(|| xt.cmp(yt));
                if ord != Ordering::Equal {
                    return ord;
                }
                (x, y) = (xr, yr);
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                (x, y) = (&x[c.len_utf8()..], &y[d.len_utf8()..]);
            }
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

pub(crate) fn rows(by_building: HashMap<Option<&str>, TallyAcc>) -> Vec<BuildingRow> {
    let mut rows: Vec<(Option<&str>, TallyAcc)> = by_building.into_iter().collect();
    rows.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => natural_cmp(a, b),
        // The row of cases without a known household goes last.
        (a, b) => a.is_none().cmp(&b.is_none()),
    });
    rows.into_iter().map(|(b, acc)| BuildingRow { building: b.map(str::to_owned), tally: acc.weighted() }).collect()
}
