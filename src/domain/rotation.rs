//! Suggesting who holds which role, so that roles rotate fairly over a group's sessions.
//!
//! A pure function of the method, the people present and the group's past sessions: no clock, no
//! I/O. The rules, in short: each role goes to the person present who held it longest ago (never
//! is longest), a newcomer is not asked to bring a case at their first session, and nobody holds
//! two roles while someone else could take one. `docs/group-format.md` tells them in full.

use std::collections::{HashMap, HashSet};

use crate::domain::lang::Bilingual;
use crate::domain::method::{Method, Role, RoleCount};
use crate::domain::plan::{Cast, Person};

/// The role key of the person who brings the case, who is never a newcomer when it can be helped.
pub const CASE_GIVER: &str = "case-giver";

/// One past session of the group, oldest first in the history slice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PastSession {
    /// The people who attended, by name.
    pub attendees: Vec<String>,
    /// Who held which role: (person name, role key as [`role_key`] gives it).
    pub roles: Vec<(String, String)>,
}

impl PastSession {
    /// The session a cast describes: its named people, and the key of each role they held.
    /// Unnamed people and role ids the method does not declare are left out.
    pub fn from_cast(method: &Method, cast: &Cast) -> PastSession {
        let mut session = PastSession::default();
        for person in &cast.people {
            let Some(name) = &person.name else { continue };
            session.attendees.push(name.clone());
            for id in &person.roles {
                if let Some(role) = method.role(id) {
                    session.roles.push((name.clone(), role_key(role)));
                }
            }
        }
        session
    }
}

/// The key under which a role's history is kept: its function (`Function::as_str()`) when the
/// method gives one, else its id. Keys let the history carry over from one method to another
/// (the intervision "presenter" and the codev "client" are both "case-giver").
pub fn role_key(role: &Role) -> String {
    role.function
        .map_or_else(|| role.id.clone(), |function| function.as_str().to_owned())
}

/// How names are compared: trimmed, case aside.
fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// What the history says about the people present.
struct Ledger {
    /// For (person, role key): the last session they held it (an index into the history) and how
    /// many sessions they held it in.
    held: HashMap<(String, String), (usize, u32)>,
    /// Everyone who appears in the history.
    known: HashSet<String>,
}

impl Ledger {
    fn new(history: &[PastSession]) -> Ledger {
        let mut held = HashMap::new();
        let mut known = HashSet::new();
        for (index, session) in history.iter().enumerate() {
            known.extend(session.attendees.iter().map(|name| fold(name)));
            let pairs: HashSet<(String, String)> = session
                .roles
                .iter()
                .map(|(name, key)| (fold(name), key.clone()))
                .collect();
            for pair in pairs {
                known.insert(pair.0.clone());
                let entry = held.entry(pair).or_insert((index, 0));
                entry.0 = index;
                entry.1 += 1;
            }
        }
        Ledger { held, known }
    }

    /// The order in which people are asked to take a role: never held first, then held longest
    /// ago, then held fewer times, then the order of the people present.
    fn rank(&self, name: &str, key: &str, position: usize) -> (Option<usize>, u32, usize) {
        match self.held.get(&(fold(name), key.to_owned())) {
            Some(&(last, times)) => (Some(last), times, position),
            None => (None, 0, position),
        }
    }
}

/// Suggests a cast for a session of `method` with the people `present` (in the group file's
/// order), from the group's `history` (oldest first).
///
/// - The counted roles without `held_by` are filled first, in declaration order; each place goes
///   to the person present, not yet holding a counted role, who held that role's key longest ago
///   (never held comes first; ties go to who held it fewer times, then to the order of
///   `present`). The case giver is never someone at their first session (nobody in the history),
///   unless nobody else is left.
/// - The "rest" role takes everyone left, in the order of `present`.
/// - Each role with `held_by` then goes to the holders of its host role, chosen the same way,
///   one person per role: someone holds two of them only when there are too few hosts, and then
///   the host with the fewest roles.
///
/// The cast lists the holders of the counted roles in declaration order, then the others in the
/// order of `present`; each person's roles are their own role first, then the roles held on top
/// of it: the shape [`Cast::assign`] gives, so rounds follow it.
pub fn suggest(
    method: &Method,
    present: &[String],
    history: &[PastSession],
) -> Result<Cast, Bilingual> {
    for (index, name) in present.iter().enumerate() {
        if name.trim().is_empty() {
            return Err(Bilingual::new(
                format!("person {} present has an empty name", index + 1),
                format!("la personne présente n° {} a un prénom vide", index + 1),
            ));
        }
        if present[..index]
            .iter()
            .any(|other| fold(other) == fold(name))
        {
            return Err(Bilingual::new(
                format!(
                    "\"{}\" is given twice among the people present: add an initial to tell them apart (\"{} B.\")",
                    name.trim(),
                    name.trim()
                ),
                format!(
                    "\"{}\" est donné deux fois parmi les personnes présentes : ajoutez une initiale pour les distinguer (\"{} B.\")",
                    name.trim(),
                    name.trim()
                ),
            ));
        }
    }
    let total = present.len();
    let needed = method.fewest_people() as usize;
    if total < needed {
        return Err(Bilingual::new(
            format!(
                "this method needs at least {needed} people to fill its roles, and {total} are present"
            ),
            format!(
                "cette méthode demande au moins {needed} personnes pour tenir ses rôles, et {total} sont présentes"
            ),
        ));
    }

    let record = Ledger::new(history);
    let rank = |person: usize, key: &str| record.rank(&present[person], key, person);
    // Each person's roles, their own role first; and the order of the cast.
    let mut roles: Vec<Vec<String>> = vec![Vec::new(); total];
    let mut order: Vec<usize> = Vec::with_capacity(total);

    for role in method.roles.iter().filter(|role| role.held_by.is_none()) {
        let RoleCount::Exactly(count) = role.count else {
            continue;
        };
        let key = role_key(role);
        for _ in 0..count {
            let free: Vec<usize> = (0..total).filter(|&p| roles[p].is_empty()).collect();
            let veterans: Vec<usize> = free
                .iter()
                .copied()
                .filter(|&p| record.known.contains(&fold(&present[p])))
                .collect();
            let pool = if key == CASE_GIVER && !veterans.is_empty() {
                veterans
            } else {
                free
            };
            let Some(pick) = pool.into_iter().min_by_key(|&p| rank(p, &key)) else {
                // Unreachable after the count check above, but said plainly all the same.
                return Err(Bilingual::new(
                    format!("nobody is left to hold the role `{}`", role.id),
                    format!("plus personne ne peut tenir le rôle `{}`", role.id),
                ));
            };
            roles[pick].push(role.id.clone());
            order.push(pick);
        }
    }
    let rest = method
        .roles
        .iter()
        .find(|role| role.held_by.is_none() && role.count == RoleCount::Rest);
    for (person, held) in roles.iter_mut().enumerate() {
        if held.is_empty() {
            if let Some(rest) = rest {
                held.push(rest.id.clone());
            }
            order.push(person);
        }
    }

    for role in &method.roles {
        let Some(host) = &role.held_by else { continue };
        let hosts: Vec<usize> = (0..total)
            .filter(|&p| roles[p].first() == Some(host))
            .collect();
        let wanted = match role.count {
            RoleCount::Exactly(count) => count as usize,
            RoleCount::Rest => hosts.len(),
        };
        if hosts.len() < wanted {
            return Err(crate::domain::plan::too_few_hosts(
                &role.id,
                wanted,
                host,
                hosts.len(),
            ));
        }
        let key = role_key(role);
        for _ in 0..wanted {
            let open: Vec<usize> = hosts
                .iter()
                .copied()
                .filter(|&p| !roles[p].contains(&role.id))
                .collect();
            let fresh: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&p| roles[p].len() == 1)
                .collect();
            let pick = if fresh.is_empty() {
                open.into_iter()
                    .min_by_key(|&p| (roles[p].len(), rank(p, &key)))
            } else {
                fresh.into_iter().min_by_key(|&p| rank(p, &key))
            };
            if let Some(pick) = pick {
                roles[pick].push(role.id.clone());
            }
        }
    }

    Ok(Cast {
        people: order
            .into_iter()
            .map(|person| Person {
                name: Some(present[person].trim().to_owned()),
                roles: std::mem::take(&mut roles[person]),
            })
            .collect(),
    })
}
