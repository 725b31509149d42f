//! Which methods a task allows (rules 7 and 12): the policy's list for the
//! round, then the customer's wish not to be called.

use crate::model::{ContactPreference, Method};
use crate::policy::Policy;

/// Used when a record outlived its policy or case and nothing better is known.
pub(super) const FALLBACK: [Method; 4] = [Method::HomeVisit, Method::Phone, Method::Sms, Method::Email];

/// Rule 7: the first round uses the policy's methods; later rounds and the
/// superior's revisit may use the later ones (phone, unless a major complaint).
pub(super) fn for_round(policy: &Policy, round: u32, escalation: bool) -> &[Method] {
    if round <= 1 && !escalation {
        &policy.methods
    } else {
        &policy.later_methods
    }
}

/// Rule 12: a customer who refuses calls gets no phone call; the written
/// method they chose is suggested first. Returns the methods and whether
/// the preference changed them.
pub(super) fn for_customer(methods: &[Method], contact: ContactPreference) -> (Vec<Method>, bool) {
    let preferred = match contact {
        ContactPreference::Any => return (methods.to_vec(), false),
        ContactPreference::NoCallsSms => Method::Sms,
        ContactPreference::NoCallsEmail => Method::Email,
    };
    let mut out: Vec<Method> = methods.iter().copied().filter(|m| *m != Method::Phone).collect();
    if out.is_empty() {
        // Only calls were allowed: visit or write instead.
        out = vec![Method::HomeVisit, Method::Sms, Method::Email];
    }
    if let Some(i) = out.iter().position(|m| *m == preferred) {
        let m = out.remove(i);
        out.insert(0, m);
    }
    let changed = out != methods;
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Method::*;

    #[test]
    fn rule_12_no_calls_removes_phone_and_suggests_the_chosen_written_method() {
        let (m, changed) = for_customer(&[Phone, HomeVisit, Sms, Email], ContactPreference::NoCallsEmail);
        assert_eq!(m, vec![Email, HomeVisit, Sms]);
        assert!(changed);
        let (m, _) = for_customer(&[Phone, HomeVisit, Sms, Email], ContactPreference::NoCallsSms);
        assert_eq!(m, vec![Sms, HomeVisit, Email]);
    }

    #[test]
    fn rule_12_phone_only_falls_back_to_visit_sms_or_email() {
        let (m, changed) = for_customer(&[Phone], ContactPreference::NoCallsSms);
        assert_eq!(m, vec![Sms, HomeVisit, Email]);
        assert!(changed);
    }

    #[test]
    fn rule_12_a_home_visit_only_policy_is_kept_for_customers_refusing_calls() {
        // A major complaint is revisited at home: not a call, so it stands.
        let (m, changed) = for_customer(&[HomeVisit], ContactPreference::NoCallsSms);
        assert_eq!(m, vec![HomeVisit]);
        assert!(!changed);
    }

    #[test]
    fn customers_without_a_preference_keep_the_policy_methods() {
        let (m, changed) = for_customer(&[Phone, Sms], ContactPreference::Any);
        assert_eq!(m, vec![Phone, Sms]);
        assert!(!changed);
    }
}
