//! Checking a method: what serde read, against the rules serde cannot say (ids, references,
//! bounds, cycles, modules), each failure a [`MethodError`] that points into the file.

use std::collections::HashSet;

use super::raw::{self, RawCount, RawMethod};
use super::{
    Cycle, GroupSize, Method, MethodError, Module, Repeat, Role, RoleCount, Speaker, Step,
    is_language_tag,
};
use crate::domain::lang::Bilingual;

/// Checks what serde read against the rules serde cannot say.
pub(super) struct Checker<'a> {
    pub(super) origin: &'a str,
    pub(super) source: &'a str,
}

pub(super) type Span = std::ops::Range<usize>;

impl Checker<'_> {
    pub(super) fn error(&self, span: Span, message: Bilingual, help: Bilingual) -> MethodError {
        MethodError::at(self.origin, self.source, Some(span), message, Some(help))
    }

    pub(super) fn check(&self, raw: RawMethod) -> Result<Method, MethodError> {
        let language = match raw.language {
            Some(language) if !is_language_tag(language.get_ref()) => {
                return Err(self.error(
                    language.span(),
                    Bilingual::new(
                        format!("`{}` is not a language tag", language.get_ref()),
                        format!("`{}` n'est pas une étiquette de langue", language.get_ref()),
                    ),
                    Bilingual::new(
                        "write two or three lowercase letters, optionally with a region: \"en\", \"fr\", \"fr-CA\"",
                        "écrivez deux ou trois lettres minuscules, avec une région si besoin : \"en\", \"fr\", \"fr-CA\"",
                    ),
                ));
            }
            Some(language) => language.into_inner(),
            None => "en".to_owned(),
        };
        let (group, group_span) = self.check_group(raw.group)?;
        let roles = self.check_roles(raw.roles, &language)?;
        let steps_span = raw.steps.span();
        if raw.steps.get_ref().is_empty() {
            return Err(self.error(
                raw.steps.span(),
                Bilingual::new("the method has no steps", "la méthode n'a aucune étape"),
                Bilingual::new(
                    "add at least one [[steps]] table with a `name` and a `duration`",
                    "ajoutez au moins une table [[steps]] avec un `name` et une `duration`",
                ),
            ));
        }
        let steps = raw
            .steps
            .into_inner()
            .into_iter()
            .map(|step| self.check_step(step, &roles, &language))
            .collect::<Result<Vec<_>, _>>()?;
        let cycle = self.check_cycle(raw.cycle, &roles, &steps, steps_span)?;
        let modules = self.check_modules(raw.modules, &language)?;
        if let Some(step) = steps
            .iter()
            .find(|step| (step.choose_module || step.use_module) && modules.is_empty())
        {
            let key = if step.choose_module {
                "choose_module"
            } else {
                "use_module"
            };
            return Err(self.error(
                self.find_key_span(key),
                Bilingual::new(
                    format!("a step has `{key}`, but the method has no [[modules]]"),
                    format!("une étape a `{key}`, mais la méthode n'a pas de [[modules]]"),
                ),
                Bilingual::new(
                    "add [[modules]] tables (id, name, prompts, rules), or remove the key",
                    "ajoutez des tables [[modules]] (id, name, prompts, rules), ou retirez la clé",
                ),
            ));
        }
        if !modules.is_empty() && !steps.iter().any(|step| step.choose_module) {
            return Err(self.error(
                self.find_key_span("[[modules]]"),
                Bilingual::new(
                    "the method has [[modules]] but no step to choose one",
                    "la méthode a des [[modules]] mais aucune étape pour en choisir un",
                ),
                Bilingual::new(
                    "add choose_module = true to the step where the group chooses",
                    "ajoutez choose_module = true à l'étape où le groupe choisit",
                ),
            ));
        }
        let method = Method {
            name: raw.name.resolve(&language),
            summary: raw.summary.map(|text| text.resolve(&language)),
            source: raw.source,
            group,
            slot: raw.slot.map(|slot| slot.0),
            record: raw.record.unwrap_or_default(),
            facilitation: raw.facilitation.unwrap_or_default(),
            variant_of: raw.variant_of,
            cycle,
            modules,
            roles,
            steps,
        };
        // A group too small for the roles: said at the bound, not when a session is planned.
        let (fewest, size) = (method.fewest_people(), method.default_people());
        if let Some(span) = group_span
            && size < fewest
        {
            return Err(self.error(
                span,
                Bilingual::new(
                    format!("a group of {size} people cannot fill this method's roles, which need at least {fewest} people"),
                    format!("un groupe de {size} personnes ne peut pas tenir les rôles de cette méthode, qui demandent au moins {fewest} personnes"),
                ),
                Bilingual::new(
                    format!("raise the group's size to {fewest} or more, or give fewer roles a count"),
                    format!("portez la taille du groupe à {fewest} ou plus, ou donnez un nombre à moins de rôles"),
                ),
            ));
        }
        Ok(method)
    }

    pub(super) fn check_group(
        &self,
        group: Option<toml::Spanned<raw::RawGroup>>,
    ) -> Result<(GroupSize, Option<Span>), MethodError> {
        let Some(group) = group else {
            return Ok((GroupSize::default(), None));
        };
        let span = group.span();
        let group = group.into_inner();
        // The bound a session is sized by when no number of people is given.
        let sizing = group
            .max
            .as_ref()
            .or(group.min.as_ref())
            .map(|bound| bound.span());
        for bound in [&group.min, &group.max].into_iter().flatten() {
            if *bound.get_ref() == 0 {
                return Err(self.error(
                    bound.span(),
                    Bilingual::new(
                        "a group of 0 people is not possible",
                        "un groupe de 0 personne n'est pas possible",
                    ),
                    Bilingual::new(
                        "give a number of people of 1 or more, the case giver included",
                        "donnez un nombre de personnes de 1 ou plus, porteur de cas compris",
                    ),
                ));
            }
        }
        let (min, max) = (
            group.min.map(|min| *min.get_ref()),
            group.max.map(|max| *max.get_ref()),
        );
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            return Err(self.error(
                span,
                Bilingual::new(
                    format!("the group's minimum ({min}) is larger than its maximum ({max})"),
                    format!("le minimum du groupe ({min}) dépasse son maximum ({max})"),
                ),
                Bilingual::new(
                    "swap the two numbers, or set min ≤ max",
                    "inversez les deux nombres : min ≤ max",
                ),
            ));
        }
        Ok((GroupSize { min, max }, sizing))
    }

    pub(super) fn check_roles(
        &self,
        raw_roles: Vec<toml::Spanned<raw::RawRole>>,
        language: &str,
    ) -> Result<Vec<Role>, MethodError> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut rest_seen = false;
        let declared: Vec<String> = raw_roles
            .iter()
            .map(|role| role.get_ref().id.get_ref().clone())
            .collect();
        let mut roles = Vec::with_capacity(raw_roles.len());
        for role in raw_roles {
            let role = role.into_inner();
            let id = role.id.get_ref();
            let id_ok = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !id.starts_with('-');
            if !id_ok || id == "all" || id == "none" {
                return Err(self.error(
                    role.id.span(),
                    Bilingual::new(format!("`{id}` cannot be a role id"), format!("`{id}` ne peut pas être un identifiant de rôle")),
                    Bilingual::new(
                        "use lowercase letters, digits and hyphens, such as \"case-giver\"; \"all\" and \"none\" are reserved",
                        "utilisez des minuscules, des chiffres et des tirets, comme \"case-giver\" ; \"all\" et \"none\" sont réservés",
                    ),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(self.error(
                    role.id.span(),
                    Bilingual::new(
                        format!("the role id `{id}` is declared twice"),
                        format!("l'identifiant de rôle `{id}` est déclaré deux fois"),
                    ),
                    Bilingual::new(
                        "give each role its own id",
                        "donnez à chaque rôle son propre identifiant",
                    ),
                ));
            }
            let count = match role.count {
                Some(RawCount::Rest) if rest_seen => {
                    return Err(self.error(
                        role.id.span(),
                        Bilingual::new(
                            format!("role `{id}` is a second \"rest\" role"),
                            format!("le rôle `{id}` est un second rôle \"rest\""),
                        ),
                        Bilingual::new(
                            "only one role can take everyone left; give this one a number, such as count = 1",
                            "un seul rôle peut prendre toutes les personnes restantes ; donnez un nombre à celui-ci, comme count = 1",
                        ),
                    ));
                }
                Some(RawCount::Rest) => {
                    rest_seen = true;
                    RoleCount::Rest
                }
                Some(RawCount::Exactly(count)) => RoleCount::Exactly(count),
                None => RoleCount::Exactly(1),
            };
            let held_by = match role.held_by {
                Some(host) => {
                    if host.get_ref() == id {
                        return Err(self.error(
                            host.span(),
                            Bilingual::new(
                                format!("role `{id}` is held by itself"),
                                format!("le rôle `{id}` est tenu par lui-même"),
                            ),
                            Bilingual::new(
                                "point held_by at another role, whose people also take this one, or remove held_by",
                                "faites pointer held_by vers un autre rôle, dont les personnes prennent aussi celui-ci, ou retirez held_by",
                            ),
                        ));
                    }
                    if !declared.contains(host.get_ref()) {
                        return Err(self.unknown_role(
                            host.span(),
                            host.get_ref(),
                            &declared,
                            "held_by",
                            false,
                        ));
                    }
                    Some(host.into_inner())
                }
                None => None,
            };
            roles.push(Role {
                id: role.id.into_inner(),
                name: role.name.resolve(language),
                count,
                held_by,
                function: role.function,
                description: role.description.map(|text| text.resolve(language)),
            });
        }
        // A role held by another must be held by a role that people hold in their own right.
        for role in &roles {
            if let Some(host) = &role.held_by
                && roles
                    .iter()
                    .any(|other| &other.id == host && other.held_by.is_some())
            {
                let span = self.find_value_span(host);
                return Err(self.error(
                    span,
                    Bilingual::new(
                        format!(
                            "role `{}` is held by `{host}`, which is itself held by another role",
                            role.id
                        ),
                        format!(
                            "le rôle `{}` est tenu par `{host}`, lui-même tenu par un autre rôle",
                            role.id
                        ),
                    ),
                    Bilingual::new(
                        "point held_by at a role that has no held_by of its own",
                        "faites pointer held_by vers un rôle qui n'a pas lui-même de held_by",
                    ),
                ));
            }
        }
        Ok(roles)
    }

    /// The span of the first quoted occurrence of `value` (used where serde kept no span).
    pub(super) fn find_value_span(&self, value: &str) -> Span {
        let quoted = format!("\"{value}\"");
        self.source
            .rfind(&quoted)
            .map_or(0..0, |start| start..start + quoted.len())
    }

    pub(super) fn unknown_role(
        &self,
        span: Span,
        id: &str,
        declared: &[String],
        field: &str,
        special: bool,
    ) -> MethodError {
        let mut accepted: Vec<String> = declared.iter().map(|id| format!("\"{id}\"")).collect();
        if special {
            accepted.push("\"all\"".into());
            accepted.push("\"none\"".into());
        }
        let list = if accepted.is_empty() {
            "(no role is declared)".to_owned()
        } else {
            accepted.join(", ")
        };
        let liste = if accepted.is_empty() {
            "(aucun rôle n'est déclaré)".to_owned()
        } else {
            accepted.join(", ")
        };
        self.error(
            span,
            Bilingual::new(
                format!("unknown role `{id}` in `{field}`"),
                format!("rôle inconnu `{id}` dans `{field}`"),
            ),
            Bilingual::new(
                format!("use one of: {list}, or declare the role in a [[roles]] table"),
                format!("utilisez l'un de : {liste}, ou déclarez le rôle dans une table [[roles]]"),
            ),
        )
    }

    pub(super) fn check_cycle(
        &self,
        cycle: Option<toml::Spanned<raw::RawCycle>>,
        roles: &[Role],
        steps: &[Step],
        steps_span: Span,
    ) -> Result<Option<Cycle>, MethodError> {
        let first = steps.iter().position(|step| step.in_cycle);
        let last = steps.iter().rposition(|step| step.in_cycle);
        let Some(cycle) = cycle else {
            if first.is_some() {
                return Err(self.error(
                    self.find_key_span("in_cycle"),
                    Bilingual::new("a step is `in_cycle`, but the method has no [cycle]", "une étape est `in_cycle`, mais la méthode n'a pas de [cycle]"),
                    Bilingual::new(
                        "add a table such as [cycle] role = \"client\" repeat = \"each\", or remove in_cycle",
                        "ajoutez une table comme [cycle] role = \"client\" repeat = \"each\", ou retirez in_cycle",
                    ),
                ));
            }
            return Ok(None);
        };
        let span = cycle.span();
        let cycle = cycle.into_inner();
        let id = cycle.role.get_ref();
        let declared: Vec<String> = roles.iter().map(|role| role.id.clone()).collect();
        let Some(role) = roles.iter().find(|role| &role.id == id) else {
            return Err(self.unknown_role(cycle.role.span(), id, &declared, "cycle.role", false));
        };
        if role.count != RoleCount::Exactly(1) || role.held_by.is_some() {
            return Err(self.error(
                cycle.role.span(),
                Bilingual::new(
                    format!("the cycle passes role `{id}` from person to person, so it must be held by exactly one person"),
                    format!("le cycle fait passer le rôle `{id}` de personne en personne : il doit être tenu par une seule personne"),
                ),
                Bilingual::new("give that role count = 1 and no held_by", "donnez à ce rôle count = 1 et pas de held_by"),
            ));
        }
        let (Some(first), Some(last)) = (first, last) else {
            return Err(self.error(
                span,
                Bilingual::new("the [cycle] has no steps", "le [cycle] n'a aucune étape"),
                Bilingual::new(
                    "mark the repeated steps with in_cycle = true",
                    "marquez les étapes répétées avec in_cycle = true",
                ),
            ));
        };
        if steps[first..=last].iter().any(|step| !step.in_cycle) {
            return Err(self.error(
                steps_span,
                Bilingual::new(
                    "the steps of the cycle must follow each other",
                    "les étapes du cycle doivent se suivre",
                ),
                Bilingual::new(
                    "put every in_cycle step together, with no other step between them",
                    "regroupez les étapes in_cycle, sans autre étape entre elles",
                ),
            ));
        }
        let among = self.check_among(cycle.among, id, &declared)?;
        Ok(Some(Cycle {
            among,
            role: cycle.role.into_inner(),
            repeat: match cycle.repeat {
                Some(raw::RawRepeat::Times(times)) => Repeat::Times(times),
                Some(raw::RawRepeat::Each) | None => Repeat::Each,
            },
        }))
    }

    /// Checks a cycle's `among`: declared roles that leave someone besides the cycled role's
    /// first holder to take it.
    fn check_among(
        &self,
        among: Option<toml::Spanned<Vec<String>>>,
        cycled: &str,
        declared: &[String],
    ) -> Result<Vec<String>, MethodError> {
        let Some(among) = among else {
            return Ok(Vec::new());
        };
        let span = among.span();
        let mut ids: Vec<String> = Vec::new();
        for id in among.get_ref() {
            if !declared.contains(id) {
                let quoted = format!("\"{id}\"");
                let at = self
                    .source
                    .get(span.clone())
                    .and_then(|text| text.find(&quoted))
                    .map_or(span.clone(), |at| {
                        span.start + at..span.start + at + quoted.len()
                    });
                return Err(self.unknown_role(at, id, declared, "among", false));
            }
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        if ids.iter().all(|id| id == cycled) {
            return Err(self.error(
                span,
                Bilingual::new(
                    format!("`among` leaves nobody to take role `{cycled}` after its first holder"),
                    format!("`among` ne laisse personne pour prendre le rôle `{cycled}` après son premier titulaire"),
                ),
                Bilingual::new(
                    "name the roles whose holders take it in turn, such as among = [\"member\"], or remove `among` so that everyone does",
                    "nommez les rôles dont les titulaires le prennent à tour de rôle, comme among = [\"member\"], ou retirez `among` pour que chacun le prenne",
                ),
            ));
        }
        Ok(ids)
    }

    pub(super) fn check_modules(
        &self,
        raw_modules: Vec<toml::Spanned<raw::RawModule>>,
        language: &str,
    ) -> Result<Vec<Module>, MethodError> {
        let mut modules: Vec<Module> = Vec::new();
        if raw_modules.len() > 9 {
            return Err(self.error(
                raw_modules[9].span(),
                Bilingual::new(
                    "a method has at most 9 modules (chosen with keys 1 to 9)",
                    "une méthode a au plus 9 modules (choisis avec les touches 1 à 9)",
                ),
                Bilingual::new(
                    "keep the 9 the group uses most",
                    "gardez les 9 que le groupe utilise le plus",
                ),
            ));
        }
        for module in raw_modules {
            let module = module.into_inner();
            let id = module.id.get_ref();
            let ok = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok || modules.iter().any(|other| &other.id == id) {
                return Err(self.error(
                    module.id.span(),
                    Bilingual::new(format!("`{id}` cannot be a module id here"), format!("`{id}` ne peut pas être ici un identifiant de module")),
                    Bilingual::new(
                        "use lowercase letters, digits and hyphens, and give each module its own id",
                        "utilisez des minuscules, des chiffres et des tirets, et donnez à chaque module son propre identifiant",
                    ),
                ));
            }
            modules.push(Module {
                id: module.id.into_inner(),
                name: module.name.resolve(language),
                prompts: module
                    .prompts
                    .into_iter()
                    .map(|text| text.resolve(language))
                    .collect(),
                rules: module
                    .rules
                    .into_iter()
                    .map(|text| text.resolve(language))
                    .collect(),
            });
        }
        Ok(modules)
    }

    /// The span of the first `key =` in the file (used where serde kept no span).
    pub(super) fn find_key_span(&self, key: &str) -> Span {
        self.source
            .find(key)
            .map_or(0..0, |start| start..start + key.len())
    }

    /// Resolves `speaker`: "all", "none", a role id, or a list of role ids.
    pub(super) fn check_speaker(
        &self,
        speaker: &toml::Spanned<raw::RawSpeaker>,
        role_ids: &[&str],
        declared: &[String],
    ) -> Result<Speaker, MethodError> {
        let span = speaker.span();
        // The place of one id inside the value, for a precise error.
        let span_of = |id: &str| {
            let quoted = format!("\"{id}\"");
            self.source
                .get(span.clone())
                .and_then(|text| text.find(&quoted))
                .map_or(span.clone(), |at| {
                    span.start + at..span.start + at + quoted.len()
                })
        };
        match speaker.get_ref() {
            raw::RawSpeaker::One(id) => match id.as_str() {
                "all" => Ok(Speaker::All),
                "none" => Ok(Speaker::Nobody),
                id if role_ids.contains(&id) => Ok(Speaker::Roles(vec![id.to_owned()])),
                id => Err(self.unknown_role(span, id, declared, "speaker", true)),
            },
            raw::RawSpeaker::Several(ids) => {
                if ids.is_empty() {
                    return Err(self.error(
                        span,
                        Bilingual::new("the list of speakers is empty", "la liste des orateurs est vide"),
                        Bilingual::new(
                            "name at least one role, such as speaker = [\"case-giver\", \"partner\"], or write speaker = \"none\"",
                            "nommez au moins un rôle, comme speaker = [\"case-giver\", \"partner\"], ou écrivez speaker = \"none\"",
                        ),
                    ));
                }
                let mut roles: Vec<String> = Vec::with_capacity(ids.len());
                for id in ids {
                    if id == "all" || id == "none" {
                        return Err(self.error(
                            span_of(id),
                            Bilingual::new(format!("\"{id}\" cannot be part of a list of speakers"), format!("\"{id}\" ne peut pas faire partie d'une liste d'orateurs")),
                            Bilingual::new(
                                format!("write speaker = \"{id}\" on its own, or list role ids only"),
                                format!("écrivez speaker = \"{id}\" seul, ou ne listez que des identifiants de rôle"),
                            ),
                        ));
                    }
                    if !role_ids.contains(&id.as_str()) {
                        return Err(self.unknown_role(span_of(id), id, declared, "speaker", false));
                    }
                    if !roles.contains(id) {
                        roles.push(id.clone());
                    }
                }
                Ok(Speaker::Roles(roles))
            }
        }
    }

    /// The `[[steps]]` header line of a step whose table starts at `body`.
    pub(super) fn header_span(&self, body: Span) -> Span {
        let start = body.start.min(self.source.len());
        let line_end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i);
        let line = &self.source[start..line_end];
        if line.trim_start().starts_with("[[") {
            start..start + line.trim_end().len()
        } else {
            start..start
        }
    }
}
