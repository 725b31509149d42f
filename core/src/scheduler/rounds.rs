//! Case revisits: the first round of every picked case (rules 1–4, 8, 10,
//! 11 through `eligibility`), another round while issues stay open
//! (rule 7) and the superior's revisit after strong dissatisfaction
//! (rule 14). A round is done once a finished record exists for its key.

use std::borrow::Cow;

use chrono::NaiveDate;
use uuid::Uuid;

use super::assign::superiors;
use super::deadline::Deadlines;
use super::draft::{Context, Draft, Why};
use super::history::asks_for_more;
use super::methods;
use super::task::TaskKey;
use crate::calendar::add_days;
use crate::eligibility::{eligible_among, forced_pick, picks_by_id, selection, Eligible, Pick};
use crate::model::{Case, Revisit, Role};
use crate::policy::Policy;

/// The case revisits due, and the picks made in this working-out (every
/// eligible case's, or those of the groups selected again) by case id.
pub(super) fn case_drafts<'c>(
    ctx: &'c Context<'_>,
    deadlines: &mut Deadlines<'_>,
) -> (Vec<Draft<'c>>, Vec<(Uuid, Pick)>) {
    let cases = ctx.scope.cases.iter().copied();
    let eligible = eligible_among(cases, ctx.data, &ctx.index, &ctx.exemptions);
    let policies = &ctx.data.settings.policies;
    let (picks, made) = match &ctx.scope.known {
        None => {
            let mut picks = selection(&eligible, &ctx.index, &ctx.exemptions, policies);
            kept_from_settled(ctx, &eligible, &mut picks);
            let made = made(&eligible, &picks);
            (picks, made)
        }
        // Coverage counts a whole group in completion order, so a group a
        // write touched is selected again whole; the others keep theirs.
        Some(known) => {
            let again = |e: &Eligible<'_>| known.regroup.contains(&e.group());
            let regrouped: Vec<Eligible<'_>> = eligible.iter().filter(|e| again(e)).copied().collect();
            let mut fresh = selection(&regrouped, &ctx.index, &ctx.exemptions, policies);
            kept_from_settled(ctx, &regrouped, &mut fresh);
            let made = made(&regrouped, &fresh);
            let mut fresh = fresh.into_iter();
            let picks = eligible
                .iter()
                .map(|e| if again(e) { fresh.next().flatten() } else { known.picks.get(&e.id).copied() })
                .collect();
            (picks, made)
        }
    };
    // A repeated case id (the index holds one case per id) shares the pick
    // its id got; otherwise each case's pick sits at its position.
    let by_id = (ctx.index.cases.len() < ctx.scope.cases.len()).then(|| picks_by_id(&eligible, &picks));
    let mut out = Vec::new();
    for (e, pick) in eligible.iter().zip(&picks) {
        let pick = match &by_id {
            Some(by_id) => by_id.get(&e.id),
            None => pick.as_ref(),
        };
        let Some(&pick) = pick else { continue };
        // Rule 8: an open letter answered the case; nothing more is due.
        if matches!(pick, Pick::OpenLetter { .. }) {
            continue;
        }
        // Only a started case can have its first round done.
        if matches!(pick, Pick::Started) && ctx.first_round_done(e.id) {
            continue;
        }
        let (Some(policy), Some(customer_id)) = (ctx.policy(e.policy_key), e.case.customer_id) else { continue };
        out.push(first_round(e, pick, customer_id, policy, deadlines));
    }
    // Later rounds: only where a finished round asked for one. They follow
    // the records even if the case has since become exempt: the customer
    // was promised an answer (rule 9). Only an open letter answers for them.
    // One buffer serves every case.
    let mut wanted = Vec::new();
    for case_id in &ctx.history.asking {
        if ctx.exemptions.open_letter(*case_id).is_some() {
            continue;
        }
        let Some(case) = ctx.index.cases.get(case_id).copied() else { continue };
        let (Some(policy), Some(_)) = (ctx.case_policy(case), case.customer_id) else { continue };
        let records = ctx.records_of(*case_id);
        for r in records.iter().filter(|r| asks_for_more(r)) {
            next_rounds(ctx, case, policy, records, r, deadlines, &mut wanted);
        }
        merge(&mut wanted, |d| {
            if !done(records, d.key) {
                out.push(d);
            }
        });
    }
    (out, made)
}

/// A settled month's coverage is not selected again: each of its cases
/// still held keeps the pick it had when the month settled, unless a
/// letter, a started revisit or staff now ask for it.
fn kept_from_settled(ctx: &Context<'_>, eligible: &[Eligible<'_>], picks: &mut [Option<Pick>]) {
    let settled = ctx.scope.settled;
    if settled.is_empty() {
        return;
    }
    for (e, pick) in eligible.iter().zip(picks) {
        if settled.contains(e.group().1) {
            *pick = forced_pick(e, &ctx.index, &ctx.exemptions).or_else(|| settled.pick_of(e.id));
        }
    }
}

/// The picks of `selected` (as `selection` gave them) by case id.
fn made(selected: &[Eligible<'_>], picks: &[Option<Pick>]) -> Vec<(Uuid, Pick)> {
    selected.iter().zip(picks).filter_map(|(e, p)| Some((e.id, (*p)?))).collect()
}

/// Rules 1–4: the first revisit, in the policy's window after the anchor event.
fn first_round<'c>(
    e: &Eligible<'c>,
    pick: Pick,
    customer_id: Uuid,
    policy: &'c Policy,
    deadlines: &mut Deadlines<'_>,
) -> Draft<'c> {
    let w = e.window;
    deadlines.counted(policy.opens_after, w.anchor, w.opens_on);
    deadlines.counted(policy.due_within, w.opens_on, w.due_on);
    Draft {
        key: TaskKey::Case { case_id: e.case.id, round: 1, escalation: false },
        case: Some(e.case),
        customer_id,
        round: 1,
        parent_id: None,
        opens_on: w.opens_on,
        due_on: w.due_on,
        roles: Cow::Borrowed(&policy.roles),
        methods: methods::for_round(policy, 1, false),
        why: Why::FirstRound { policy, kind: e.case.kind, anchor_on: w.anchor, pick },
        also: Vec::new(),
        record: None,
        not_by: None,
    }
}

/// What a finished round asks for: the next round by the agreed reply date
/// (rule 7) and/or the superior's revisit (rule 14). Ranked so that when
/// both land on the same key the superior's wins.
fn next_rounds<'c>(
    ctx: &Context<'_>,
    case: &'c Case,
    policy: &'c Policy,
    records: &[&Revisit],
    r: &Revisit,
    deadlines: &mut Deadlines<'_>,
    out: &mut Vec<(u8, Draft<'c>)>,
) {
    let (Some(result), Some(round), Some(customer_id)) = (&r.result, r.round.checked_add(1), case.customer_id) else {
        return;
    };
    let visited = result.visited_on;
    let draft =
        |escalation: bool, opens_on: NaiveDate, due_on: NaiveDate, roles: Cow<'c, [Role]>, why: Why<'c>| Draft {
            key: TaskKey::Case { case_id: case.id, round, escalation },
            case: Some(case),
            customer_id,
            round,
            parent_id: Some(r.id),
            opens_on: opens_on.min(due_on),
            due_on,
            roles,
            methods: methods::for_round(policy, round, escalation),
            why,
            also: Vec::new(),
            record: None,
            not_by: None,
        };
    let by = ctx.done_by(r, expected_role(ctx, policy, records, r, 0));
    // A round already done is not worked out: its due date (and a calendar
    // year it would pass through) no longer matters.
    let open = |escalation: bool| !done(records, TaskKey::Case { case_id: case.id, round, escalation });
    if result.escalate && open(true) {
        if let Some(due) = deadlines.after(policy.due_within, visited) {
            let roles = Cow::Owned(superiors(by));
            let escalated = Draft {
                not_by: result.staff_id.or(r.assignee_id),
                ..draft(true, visited, due, roles, Why::Escalated { from_role: by })
            };
            out.push((0, escalated));
        }
    }
    if let Some(reply_by) = result.reply_by.filter(|_| open(r.escalation)) {
        // The same lane continues: the policy's roles, or in an escalation
        // the person's role who promised the reply.
        let roles = if r.escalation {
            Cow::Owned([vec![by], superiors(by)].concat())
        } else {
            Cow::Borrowed(&policy.roles[..])
        };
        let opens = add_days(visited, 1).unwrap_or(visited);
        out.push((1, draft(r.escalation, opens, reply_by, roles, Why::NextRound { parent: r.id, reply_by })));
    }
}

/// The role a record was meant for when nobody is named on it: the
/// policy's first role, or in an escalation the superior of whoever did the
/// round that escalated (the same role when it only continued a reply).
fn expected_role(ctx: &Context<'_>, policy: &Policy, records: &[&Revisit], r: &Revisit, depth: u32) -> Role {
    let first = policy.roles.first().copied().unwrap_or(Role::PropertyAssistant);
    if !r.escalation {
        return first;
    }
    let parent = r.parent_id.and_then(|p| records.iter().find(|x| x.id == p));
    match parent {
        // Bounded: imported records may point in circles.
        Some(p) if depth < 100 => {
            let role = ctx.done_by(p, expected_role(ctx, policy, records, p, depth + 1));
            if p.result.as_ref().is_some_and(|x| x.escalate) {
                role.superior()
            } else {
                role
            }
        }
        _ => first.superior(),
    }
}

/// Several finished rounds asking for the same key make one task: the
/// best-ranked, earliest request leads; it is due at the earliest date.
/// Each task goes to `each`; `wanted` is left empty for the next case.
fn merge<'c>(wanted: &mut Vec<(u8, Draft<'c>)>, mut each: impl FnMut(Draft<'c>)) {
    wanted.sort_by_key(|(rank, d)| (d.key, *rank, d.due_on, d.parent_id));
    let mut lead: Option<Draft<'c>> = None;
    for (_, d) in wanted.drain(..) {
        match &mut lead {
            Some(l) if l.key == d.key => {
                l.due_on = l.due_on.min(d.due_on);
                l.opens_on = l.opens_on.min(d.opens_on);
                l.also.push(d.why);
                l.also.extend(d.also);
            }
            _ => {
                if let Some(done) = lead.replace(d) {
                    each(done);
                }
            }
        }
    }
    if let Some(done) = lead {
        each(done);
    }
}

/// Whether a finished record exists for the case task `key`.
fn done(records: &[&Revisit], key: TaskKey) -> bool {
    let TaskKey::Case { round, escalation, .. } = key else { return false };
    records.iter().any(|r| r.is_finished() && r.round == round && r.escalation == escalation)
}
