//! The cast (who holds which role) and the timetable of a method for a given group.
//!
//! Pure functions of a [`Method`] and the people present: no clock, no I/O.

mod names;
mod short;

use std::time::Duration;

pub use names::MAX_NAME;
pub use short::{SHORTEST_USEFUL_TURN, ShortTurns, short_turns};

use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Cycle, Method, Repeat, RoleCount, Speaker, StepKind, Timing};

/// The people of a session, as the user gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum People {
    /// A number of anonymous people.
    Count(u32),
    /// People by name, in seating order.
    Names(Vec<String>),
}

/// The most people a session may have.
pub const MAX_PEOPLE: u32 = 60;

impl People {
    /// Reads `--people`: a number (`5`) or comma-separated names (`"Ana,Ben,Chloé"`).
    pub fn parse(text: &str) -> Result<People, Bilingual> {
        let text = text.trim();
        if let Ok(count) = text.parse::<i64>() {
            return if (1..=i64::from(MAX_PEOPLE)).contains(&count) {
                Ok(People::Count(count as u32))
            } else {
                Err(Bilingual::new(
                    format!(
                        "{count} people is not possible: give a number from 1 to {MAX_PEOPLE}, or names separated by commas"
                    ),
                    format!(
                        "{count} personnes, ce n'est pas possible : donnez un nombre de 1 à {MAX_PEOPLE}, ou des prénoms séparés par des virgules"
                    ),
                ))
            };
        }
        let names: Vec<String> = text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect();
        if names.is_empty() {
            return Err(Bilingual::new(
                "no people given: write a number (--people 5) or names separated by commas (--people \"Ana,Ben,Chloé\")",
                "aucune personne : écrivez un nombre (--people 5) ou des prénoms séparés par des virgules (--people \"Ana,Ben,Chloé\")",
            ));
        }
        if names.len() > MAX_PEOPLE as usize {
            return Err(Bilingual::new(
                format!(
                    "{} names is more than a session can have ({MAX_PEOPLE})",
                    names.len()
                ),
                format!(
                    "{} prénoms, c'est plus qu'une séance ne peut en avoir ({MAX_PEOPLE})",
                    names.len()
                ),
            ));
        }
        names::check_names(&names)?;
        Ok(People::Names(names))
    }

    /// How many people.
    pub fn len(&self) -> u32 {
        match self {
            People::Count(count) => *count,
            People::Names(names) => names.len() as u32,
        }
    }

    /// Whether nobody is given.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One person of the session and the roles they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their name, when names were given.
    pub name: Option<String>,
    /// The ids of the roles they hold: their own role first, then roles held on top of it.
    pub roles: Vec<String>,
}

/// Who holds which role in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    /// Everyone present, in seating order.
    pub people: Vec<Person>,
}

impl Cast {
    /// The people of this cast as `--people` gives them: their names, in seating order, when
    /// everyone has one; else their number.
    pub fn as_people(&self) -> People {
        let names: Option<Vec<String>> = self
            .people
            .iter()
            .map(|person| person.name.clone())
            .collect();
        match names {
            Some(names) if !names.is_empty() => People::Names(names),
            _ => People::Count(self.people.len() as u32),
        }
    }

    /// Assigns roles in declaration order: counted roles first, then the "rest" role; a role
    /// held by another goes to the last holders of its host role.
    pub fn assign(method: &Method, people: &People) -> Result<Cast, Bilingual> {
        let total = people.len() as usize;
        let needed = method.fewest_people() as usize;
        if total < needed {
            return Err(Bilingual::new(
                format!(
                    "this method needs at least {needed} people to fill its roles, and {total} are given"
                ),
                format!(
                    "cette méthode demande au moins {needed} personnes pour tenir ses rôles, et {total} sont indiquées"
                ),
            ));
        }
        let mut cast = Cast {
            people: (0..total)
                .map(|index| Person {
                    name: match people {
                        People::Names(names) => Some(names[index].clone()),
                        People::Count(_) => None,
                    },
                    roles: Vec::new(),
                })
                .collect(),
        };
        let mut next = 0;
        for role in method.roles.iter().filter(|role| role.held_by.is_none()) {
            if let RoleCount::Exactly(count) = role.count {
                for person in &mut cast.people[next..next + count as usize] {
                    person.roles.push(role.id.clone());
                }
                next += count as usize;
            }
        }
        if let Some(rest) = method
            .roles
            .iter()
            .find(|role| role.held_by.is_none() && role.count == RoleCount::Rest)
        {
            for person in &mut cast.people[next..] {
                person.roles.push(rest.id.clone());
            }
        }
        for role in &method.roles {
            let Some(host) = &role.held_by else { continue };
            let wanted = match role.count {
                RoleCount::Exactly(count) => count as usize,
                RoleCount::Rest => usize::MAX,
            };
            let hosts = cast.holders(host);
            // Prefer people who hold no other added role yet, from the end of the host's list.
            let mut candidates: Vec<usize> = hosts
                .iter()
                .rev()
                .copied()
                .filter(|&i| cast.people[i].roles.len() == 1)
                .collect();
            candidates.extend(
                hosts
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| cast.people[i].roles.len() > 1),
            );
            if wanted != usize::MAX && candidates.len() < wanted {
                return Err(too_few_hosts(&role.id, wanted, host, hosts.len()));
            }
            for index in candidates.into_iter().take(wanted) {
                cast.people[index].roles.push(role.id.clone());
            }
        }
        Ok(cast)
    }

    /// The people holding a role, in seating order.
    pub fn holders(&self, role: &str) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&index| self.people[index].roles.iter().any(|held| held == role))
            .collect()
    }

    /// The cast of a cycle's pass: `person` holds `role`, and whoever held it takes that
    /// person's own role instead.
    pub fn rotated(&self, role: &str, person: usize) -> Cast {
        let mut cast = self.clone();
        let Some(own) = cast
            .people
            .get(person)
            .and_then(|p| p.roles.first().cloned())
        else {
            return cast;
        };
        if own == role {
            return cast;
        }
        for other in &mut cast.people {
            if other.roles.first().is_some_and(|first| first == role) {
                other.roles[0] = own.clone();
            }
        }
        cast.people[person].roles[0] = role.to_owned();
        cast
    }

    /// The people a speaker designates, in seating order.
    pub fn speakers(&self, speaker: &Speaker) -> Vec<usize> {
        match speaker {
            Speaker::All => (0..self.people.len()).collect(),
            Speaker::Nobody => Vec::new(),
            Speaker::Roles(roles) => (0..self.people.len())
                .filter(|&index| {
                    self.people[index]
                        .roles
                        .iter()
                        .any(|held| roles.contains(held))
                })
                .collect(),
        }
    }

    /// The people who take a round's turns, in order: the holders of the step's `first` role,
    /// then the other speakers in cast order, then the holders of its `last` role.
    pub fn turn_order(&self, step: &crate::domain::method::Step) -> Vec<usize> {
        let speakers = self.speakers(&step.speaker);
        let holds = |person: usize, role: &Option<String>| {
            role.as_ref()
                .is_some_and(|role| self.people[person].roles.iter().any(|held| held == role))
        };
        let first: Vec<usize> = speakers
            .iter()
            .copied()
            .filter(|&p| holds(p, &step.first))
            .collect();
        let last: Vec<usize> = speakers
            .iter()
            .copied()
            .filter(|&p| !first.contains(&p) && holds(p, &step.last))
            .collect();
        let middle = speakers
            .iter()
            .copied()
            .filter(|p| !first.contains(p) && !last.contains(p));
        first
            .iter()
            .copied()
            .chain(middle)
            .chain(last.iter().copied())
            .collect()
    }

    /// Who holds a cycle's role in each pass, in order: its first holder, then, in cast order,
    /// the holders of the cycle's `among` roles (everyone when it names none), around again if
    /// the cycle repeats more often than there are such people.
    pub fn cycle_order(&self, cycle: &Cycle) -> Vec<usize> {
        let start = self.holders(&cycle.role).first().copied().unwrap_or(0);
        let mut order = vec![start];
        order.extend((0..self.people.len()).filter(|&person| {
            person != start
                && (cycle.among.is_empty()
                    || self.people[person]
                        .roles
                        .iter()
                        .any(|held| cycle.among.contains(held)))
        }));
        order
    }

    /// How a person is named on screen: their name, or their role and number ("Coach 2").
    pub fn label(&self, method: &Method, index: usize, lang: Lang) -> String {
        let person = &self.people[index];
        if let Some(name) = &person.name {
            return name.clone();
        }
        match person.roles.first().and_then(|id| method.role(id)) {
            Some(role) => {
                let holders = self.holders(&role.id);
                let role_name = role.name.get(lang);
                if holders.len() == 1 {
                    role_name.to_owned()
                } else {
                    let number = holders.iter().position(|&i| i == index).unwrap_or(0) + 1;
                    format!("{role_name} {number}")
                }
            }
            None => match lang {
                Lang::En => format!("Person {}", index + 1),
                Lang::Fr => format!("Personne {}", index + 1),
            },
        }
    }

    /// The names of the roles a person holds, joined ("Coach, Timekeeper").
    pub fn role_names(&self, method: &Method, index: usize, lang: Lang) -> String {
        self.people[index]
            .roles
            .iter()
            .filter_map(|id| method.role(id))
            .map(|role| role.name.get(lang))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One person's turn in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedTurn {
    /// Who speaks (an index into the cast).
    pub person: usize,
    /// When the turn starts, from the start of its step.
    pub offset: Duration,
    /// How long it lasts.
    pub duration: Duration,
    /// Whether it is one of the round's final turns given to another role.
    pub is_tail: bool,
    /// The pass of the round this turn belongs to, counting from 0 (a round of several passes,
    /// or one that goes on until its time is up).
    pub pass: u32,
}

/// One step of the timetable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep {
    /// The step's position in the method.
    pub index: usize,
    /// Its kind.
    pub kind: StepKind,
    /// When it starts, from the start of the session.
    pub start: Duration,
    /// How long it lasts.
    pub duration: Duration,
    /// Who speaks (indices into the cast), for steps that are not rounds.
    pub speakers: Vec<usize>,
    /// The turns of a round, in order.
    pub turns: Vec<PlannedTurn>,
    /// The pass of the method's cycle this step belongs to, if any.
    pub pass: Option<Pass>,
    /// The cast of this step when it differs from the session's (in a cycle's pass).
    pub cast: Option<Cast>,
    /// For a round that goes on until its time is up: the length of each turn, so that a new
    /// length for the step (when fitting) gives more or fewer turns, not shorter ones.
    pub until_time: Option<Duration>,
}

impl PlannedStep {
    /// When the step ends, from the start of the session.
    pub fn end(&self) -> Duration {
        self.start + self.duration
    }
}

/// The lengths, speakers and turns of one step for a cast.
fn plan_step(
    step: &crate::domain::method::Step,
    cast: &Cast,
) -> (Duration, Vec<usize>, Vec<PlannedTurn>) {
    if step.kind != StepKind::Round {
        let duration = match step.timing {
            Timing::Total(total) | Timing::PerTurn(total) => total,
        };
        return (duration, cast.speakers(&step.speaker), Vec::new());
    }
    let order = cast.turn_order(step);
    let tail: Vec<(usize, Duration)> = step
        .tail
        .iter()
        .flat_map(|tail| {
            cast.holders(&tail.role)
                .into_iter()
                .map(move |person| (person, tail.duration))
        })
        .collect();
    let tail_total: Duration = tail.iter().map(|(_, duration)| *duration).sum();
    // Each pass goes round the speakers once more: (person, length, pass).
    let main: Vec<(usize, Duration, u32)> = match (step.until_time, step.timing) {
        (Some(turn), Timing::Total(total)) => {
            until_time(&order, turn, total.saturating_sub(tail_total))
        }
        (_, timing) => {
            let passes = step.passes.max(1);
            let speakers: Vec<(usize, u32)> = (0..passes)
                .flat_map(|pass| order.iter().map(move |&person| (person, pass)))
                .collect();
            let lengths = match timing {
                Timing::PerTurn(turn) => vec![turn; speakers.len()],
                Timing::Total(total) => {
                    split_evenly(total.saturating_sub(tail_total), speakers.len())
                }
            };
            speakers
                .into_iter()
                .zip(lengths)
                .map(|((person, pass), duration)| (person, duration, pass))
                .collect()
        }
    };
    let last_pass = main.last().map_or(0, |turn| turn.2);
    let mut offset = Duration::ZERO;
    let mut turns = Vec::with_capacity(main.len() + tail.len());
    let all = main
        .into_iter()
        .map(|(person, duration, pass)| (person, duration, false, pass));
    let tail = tail.into_iter().map(|(p, d)| (p, d, true, last_pass));
    for (person, duration, is_tail, pass) in all.chain(tail) {
        turns.push(PlannedTurn {
            person,
            offset,
            duration,
            is_tail,
            pass,
        });
        offset += duration;
    }
    let duration = match step.timing {
        Timing::Total(total) => total.max(offset),
        Timing::PerTurn(_) => offset,
    };
    (duration, Vec::new(), turns)
}

/// The turns of a round that goes on until its time is up: `order` again and again, `turn`
/// each, the last turn taking what is left of `total`.
pub(crate) fn until_time(
    order: &[usize],
    turn: Duration,
    total: Duration,
) -> Vec<(usize, Duration, u32)> {
    let mut turns = Vec::new();
    if order.is_empty() || turn.is_zero() {
        return turns;
    }
    let mut left = total;
    let mut index = 0usize;
    while !left.is_zero() {
        let length = turn.min(left);
        turns.push((
            order[index % order.len()],
            length,
            (index / order.len()) as u32,
        ));
        left -= length;
        index += 1;
    }
    turns
}

/// A step's name; in a cycle's pass, followed by the client's name (or the pass number when
/// people have no names): "Client shares · Ana", "Client shares · 2/3".
pub fn pass_name(name: &str, pass: Option<Pass>, cast: &Cast) -> String {
    match pass {
        Some(pass) => match cast
            .people
            .get(pass.client)
            .and_then(|person| person.name.as_ref())
        {
            Some(client) => format!("{name} · {client}"),
            None => format!("{name} · {}/{}", pass.number + 1, pass.of),
        },
        None => name.to_owned(),
    }
}

impl PlannedStep {
    /// The cast of this step: its own in a cycle's pass, else the session's.
    pub fn cast_or<'a>(&'a self, base: &'a Cast) -> &'a Cast {
        self.cast.as_ref().unwrap_or(base)
    }
}

/// A pass of the method's cycle: which one, of how many, and who is the client in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// The pass, counting from 0.
    pub number: usize,
    /// How many passes the cycle has.
    pub of: usize,
    /// The person holding the cycle's role in this pass (an index into the cast).
    pub client: usize,
}

/// The planned times of a whole session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timetable {
    /// The steps, in order.
    pub steps: Vec<PlannedStep>,
}

impl Timetable {
    /// Plans every step of `method` for `cast`, rounds expanded into turns and the method's cycle
    /// expanded into one pass per member (or per its repeat count).
    pub fn new(method: &Method, cast: &Cast) -> Timetable {
        let mut start = Duration::ZERO;
        let mut steps = Vec::with_capacity(method.steps.len());
        let mut push =
            |index: usize, pass: Option<Pass>, step_cast: &Cast, steps: &mut Vec<PlannedStep>| {
                let (duration, speakers, turns) = plan_step(&method.steps[index], step_cast);
                steps.push(PlannedStep {
                    index,
                    kind: method.steps[index].kind,
                    start,
                    duration,
                    speakers,
                    turns,
                    pass,
                    cast: pass.map(|_| step_cast.clone()),
                    until_time: method.steps[index].until_time,
                });
                start += duration;
            };
        let first = method.steps.iter().position(|step| step.in_cycle);
        let last = method.steps.iter().rposition(|step| step.in_cycle);
        let mut index = 0;
        while index < method.steps.len() {
            match (&method.cycle, first, last) {
                (Some(cycle), Some(first), Some(last)) if index == first => {
                    let order = cast.cycle_order(cycle);
                    let passes = match cycle.repeat {
                        Repeat::Each => order.len(),
                        Repeat::Times(times) => times as usize,
                    };
                    for number in 0..passes {
                        let client = order[number % order.len()];
                        let rotated = cast.rotated(&cycle.role, client);
                        for block in first..=last {
                            let pass = Pass {
                                number,
                                of: passes,
                                client,
                            };
                            push(block, Some(pass), &rotated, &mut steps);
                        }
                    }
                    index = last + 1;
                }
                _ => {
                    push(index, None, cast, &mut steps);
                    index += 1;
                }
            }
        }
        Timetable { steps }
    }

    /// The planned length of the whole session.
    pub fn total(&self) -> Duration {
        self.steps.last().map_or(Duration::ZERO, PlannedStep::end)
    }
}

/// Splits a duration into `parts` whole-second shares; the first shares take the leftover seconds.
pub fn split_evenly(total: Duration, parts: usize) -> Vec<Duration> {
    if parts == 0 {
        return Vec::new();
    }
    let seconds = total.as_secs();
    let (base, extra) = (seconds / parts as u64, seconds % parts as u64);
    (0..parts as u64)
        .map(|i| Duration::from_secs(base + u64::from(i < extra)))
        .collect()
}

/// The message for a role held by `wanted` of the people holding `host` when only `found` do.
pub(crate) fn too_few_hosts(role: &str, wanted: usize, host: &str, found: usize) -> Bilingual {
    Bilingual::new(
        format!(
            "role `{role}` needs {wanted} of the people holding `{host}`, and there are {found}"
        ),
        format!(
            "le rôle `{role}` demande {wanted} des personnes qui tiennent `{host}`, et il y en a {found}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLINIC: &str = r#"
name = "Clinic"
[[roles]]
id = "case-giver"
name = "Case giver"
[[roles]]
id = "coach"
name = "Coach"
count = "rest"
[[roles]]
id = "timekeeper"
name = "Timekeeper"
held_by = "coach"
[[steps]]
name = "Intention"
duration = "15m"
speaker = "case-giver"
[[steps]]
name = "Mirroring"
kind = "round"
speaker = "coach"
turn = "2m"
tail = { speaker = "case-giver", duration = "2m" }
[[steps]]
name = "Closing"
kind = "round"
speaker = "all"
duration = "10m"
"#;

    fn minutes(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn roles_are_assigned_in_order_and_held_roles_go_to_the_last_hosts() {
        let method = Method::from_str("t", CLINIC).unwrap();
        let cast =
            Cast::assign(&method, &People::parse("Ana,Ben,Chloé,David,Emma").unwrap()).unwrap();
        assert_eq!(cast.holders("case-giver"), vec![0]);
        assert_eq!(cast.holders("coach"), vec![1, 2, 3, 4]);
        assert_eq!(cast.holders("timekeeper"), vec![4]);
        assert_eq!(cast.label(&method, 2, Lang::En), "Chloé");
        let anonymous = Cast::assign(&method, &People::Count(5)).unwrap();
        assert_eq!(anonymous.label(&method, 0, Lang::En), "Case giver");
        assert_eq!(anonymous.label(&method, 2, Lang::En), "Coach 2");
        assert_eq!(
            anonymous.role_names(&method, 4, Lang::En),
            "Coach, Timekeeper"
        );
    }

    #[test]
    fn too_few_people_is_refused() {
        let method = Method::from_str("t", CLINIC).unwrap();
        let error = Cast::assign(&method, &People::Count(1)).unwrap_err();
        assert!(error.en.contains("at least 2 people"), "{}", error.en);
    }

    #[test]
    fn rounds_expand_per_person_with_their_tail() {
        let method = Method::from_str("t", CLINIC).unwrap();
        let cast = Cast::assign(&method, &People::Count(5)).unwrap();
        let table = Timetable::new(&method, &cast);
        let mirroring = &table.steps[1];
        assert_eq!(mirroring.start, minutes(15));
        assert_eq!(mirroring.duration, minutes(10));
        let speakers: Vec<(usize, bool)> = mirroring
            .turns
            .iter()
            .map(|turn| (turn.person, turn.is_tail))
            .collect();
        assert_eq!(
            speakers,
            vec![(1, false), (2, false), (3, false), (4, false), (0, true)]
        );
        assert_eq!(mirroring.turns[4].offset, minutes(8));
        // 600 s over 7 people would not split; over 5 it is 2 minutes each.
        assert!(
            table.steps[2]
                .turns
                .iter()
                .all(|turn| turn.duration == minutes(2))
        );
        assert_eq!(table.total(), minutes(35));
    }

    #[test]
    fn a_cycle_runs_once_per_member_with_the_client_role_passed_along() {
        let method = Method::from_str(
            "t",
            r#"
name = "Trio"
[cycle]
role = "client"
[[roles]]
id = "client"
name = "Client"
[[roles]]
id = "consultant"
name = "Consultant"
count = "rest"
[[steps]]
name = "Reflect"
kind = "silence"
duration = "1m"
[[steps]]
name = "Share"
speaker = "client"
duration = "2m"
in_cycle = true
[[steps]]
name = "Advice"
kind = "round"
speaker = "consultant"
turn = "2m"
in_cycle = true
"#,
        )
        .unwrap();
        let cast = Cast::assign(&method, &People::parse("Ana,Ben,Chloé").unwrap()).unwrap();
        let table = Timetable::new(&method, &cast);
        assert_eq!(table.steps.len(), 1 + 3 * 2);
        assert_eq!(table.total(), minutes(1 + 3 * (2 + 4)));
        for (number, client) in [(0, 0), (1, 1), (2, 2)] {
            let share = &table.steps[1 + number * 2];
            assert_eq!(share.pass.map(|pass| pass.client), Some(client));
            assert_eq!(share.speakers, vec![client]);
            let advice = &table.steps[2 + number * 2];
            let speakers: Vec<usize> = advice.turns.iter().map(|turn| turn.person).collect();
            assert!(
                !speakers.contains(&client) && speakers.len() == 2,
                "{speakers:?}"
            );
            assert_eq!(
                pass_name("Share", share.pass, share.cast_or(&cast)),
                format!("Share · {}", ["Ana", "Ben", "Chloé"][client])
            );
        }
    }

    #[test]
    fn uneven_splits_give_the_first_turns_the_leftover_seconds() {
        let shares = split_evenly(Duration::from_secs(600), 7);
        assert_eq!(shares.iter().sum::<Duration>(), Duration::from_secs(600));
        assert_eq!(shares[0], Duration::from_secs(86));
        assert_eq!(shares[6], Duration::from_secs(85));
        assert!(split_evenly(Duration::from_secs(60), 0).is_empty());
    }

    #[test]
    fn people_parse_numbers_and_names() {
        assert_eq!(People::parse("5"), Ok(People::Count(5)));
        assert_eq!(
            People::parse(" Ana, Ben ,,Chloé "),
            Ok(People::Names(vec![
                "Ana".into(),
                "Ben".into(),
                "Chloé".into()
            ]))
        );
        for bad in ["0", "-3", "500", "", " , ", "Ana,ana"] {
            assert!(People::parse(bad).is_err(), "{bad}");
        }
    }
}
