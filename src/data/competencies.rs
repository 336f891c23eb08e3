//! `data/competencies.toml`: the three competency frameworks of 000.

use super::{COMPETENCIES_FILE as FILE, DataError, check_text, parse_toml};
use crate::domain::CompetencyGroup;
use serde::Deserialize;
use std::collections::HashSet;

/// The 17 stable competency keys, by group, in display order (docs/DATA.md).
pub const KEYS: [(CompetencyGroup, &str); 17] = [
    (CompetencyGroup::General, "ethics"),
    (CompetencyGroup::General, "organizing"),
    (CompetencyGroup::General, "drafting"),
    (CompetencyGroup::General, "communication"),
    (CompetencyGroup::General, "coordination"),
    (CompetencyGroup::General, "it"),
    (CompetencyGroup::General, "foreign_language"),
    (CompetencyGroup::Professional, "advising"),
    (CompetencyGroup::Professional, "guiding"),
    (CompetencyGroup::Professional, "inspecting"),
    (CompetencyGroup::Professional, "appraising"),
    (CompetencyGroup::Professional, "implementing"),
    (CompetencyGroup::Management, "strategic_thinking"),
    (CompetencyGroup::Management, "change_management"),
    (CompetencyGroup::Management, "decision_making"),
    (CompetencyGroup::Management, "resource_management"),
    (CompetencyGroup::Management, "staff_development"),
];

/// The group a competency key belongs to.
pub fn group_of(key: &str) -> Option<CompetencyGroup> {
    KEYS.iter().find(|(_, k)| *k == key).map(|(g, _)| *g)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    framework: Vec<RawFramework>,
    competency: Vec<RawCompetency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    framework: String,
    group: CompetencyGroup,
    key: String,
    name: String,
    #[serde(default)]
    level: Vec<LevelText>,
}

/// The descriptor of one level (cấp độ) of one competency.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelText {
    pub level: u8,
    pub text: String,
}

/// One competency (năng lực) of a framework, with the levels the source gives.
#[derive(Debug, Clone)]
pub struct Competency {
    pub group: CompetencyGroup,
    pub key: String,
    pub name: String,
    /// Highest level first, as the source prints them; absent levels omitted.
    pub levels: Vec<LevelText>,
}

impl Competency {
    pub fn level(&self, level: u8) -> Option<&LevelText> {
        self.levels.iter().find(|l| l.level == level)
    }
}

/// A competency framework (khung năng lực): I, II or III of 000.
#[derive(Debug, Clone)]
pub struct Framework {
    pub id: String,
    pub name: String,
    /// In the order of [`KEYS`].
    pub competencies: Vec<Competency>,
}

impl Framework {
    pub fn competency(&self, key: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.key == key)
    }
}

#[derive(Debug, Clone)]
pub struct Competencies {
    pub frameworks: Vec<Framework>,
}

impl Competencies {
    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    pub(crate) fn parse(text: &str) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(FILE, text)?;
        let mut frameworks: Vec<Framework> = Vec::new();
        for f in &raw.framework {
            let entry = format!("framework {}", f.id);
            check_text(FILE, &entry, "name", &f.name)?;
            if frameworks.iter().any(|x| x.id == f.id) {
                return Err(DataError::new(FILE, entry, "duplicate id"));
            }
            frameworks.push(Framework {
                id: f.id.clone(),
                name: f.name.clone(),
                competencies: Vec::new(),
            });
        }
        if frameworks.len() != 3 {
            return Err(DataError::new(
                FILE,
                "framework",
                format!("expected 3 frameworks, found {}", frameworks.len()),
            ));
        }
        for c in &raw.competency {
            let entry = format!("framework {} competency {}", c.framework, c.key);
            let Some(fw) = frameworks.iter_mut().find(|f| f.id == c.framework) else {
                return Err(DataError::new(FILE, entry, "unknown framework"));
            };
            match group_of(&c.key) {
                None => {
                    return Err(DataError::new(
                        FILE,
                        entry,
                        "unknown competency key (see docs/DATA.md)",
                    ));
                }
                Some(g) if g != c.group => {
                    return Err(DataError::new(
                        FILE,
                        entry,
                        format!("belongs to group {}, not {}", g.as_str(), c.group.as_str()),
                    ));
                }
                Some(_) => {}
            }
            if fw.competency(&c.key).is_some() {
                return Err(DataError::new(FILE, entry, "duplicate key"));
            }
            check_text(FILE, &entry, "name", &c.name)?;
            let mut seen = HashSet::new();
            for l in &c.level {
                let entry = format!("{entry} level {}", l.level);
                if !(1..=5).contains(&l.level) {
                    return Err(DataError::new(FILE, entry, "levels run from 1 to 5"));
                }
                if !seen.insert(l.level) {
                    return Err(DataError::new(FILE, entry, "duplicate level"));
                }
                check_text(FILE, &entry, "text", &l.text)?;
            }
            let mut levels = c.level.clone();
            levels.sort_by_key(|l| std::cmp::Reverse(l.level));
            fw.competencies.push(Competency {
                group: c.group,
                key: c.key.clone(),
                name: c.name.clone(),
                levels,
            });
        }
        for fw in &mut frameworks {
            for g in CompetencyGroup::ALL {
                let n = fw.competencies.iter().filter(|c| c.group == g).count();
                if n != g.expected_count() {
                    return Err(DataError::new(
                        FILE,
                        format!("framework {}", fw.id),
                        format!(
                            "expected {} {} competencies, found {n}",
                            g.expected_count(),
                            g.as_str()
                        ),
                    ));
                }
            }
            fw.competencies
                .sort_by_key(|c| KEYS.iter().position(|(_, k)| *k == c.key));
        }
        Ok(Competencies { frameworks })
    }
}
