//! `data/criteria.toml`: the checklists of forms 03A and 03B (003).

use super::{CRITERIA_FILE as FILE, DataError, check_text, parse_toml};
use crate::domain::StaffKind;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    form: Vec<RawForm>,
    section: Vec<RawPart>,
    criterion: Vec<RawPart>,
    item: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    id: String,
    kind: StaffKind,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    form: String,
    id: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    form: String,
    id: String,
    text: String,
}

/// One checklist item (nội dung), e.g. `II.2.4`.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub text: String,
}

/// One criterion (tiêu chí), e.g. `II.2`, with its items.
#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub items: Vec<Item>,
}

/// One section (I, II, III) of a checklist.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub criteria: Vec<Criterion>,
}

/// A whole checklist form: 03A (leaders) or 03B (everyone else).
#[derive(Debug, Clone)]
pub struct ChecklistForm {
    pub id: String,
    pub kind: StaffKind,
    pub title: String,
    pub sections: Vec<Section>,
}

impl ChecklistForm {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections
            .iter()
            .flat_map(|s| s.criteria.iter())
            .flat_map(|c| c.items.iter())
    }

    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.sections.iter().flat_map(|s| s.criteria.iter())
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    pub fn item_count(&self) -> usize {
        self.items().count()
    }
}

/// Both checklists.
#[derive(Debug, Clone)]
pub struct Criteria {
    pub leader: ChecklistForm,
    pub staff: ChecklistForm,
}

/// Expected (sections, criteria, items) of each form (SPEC section 3).
const LEADER_SHAPE: (usize, usize, usize) = (3, 9, 27);
const STAFF_SHAPE: (usize, usize, usize) = (2, 6, 18);

impl Criteria {
    pub fn form(&self, kind: StaffKind) -> &ChecklistForm {
        match kind {
            StaffKind::Leader => &self.leader,
            StaffKind::Staff => &self.staff,
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(FILE, text)?;
        let mut leader = None;
        let mut staff = None;
        for f in &raw.form {
            check_text(FILE, &format!("form {}", f.id), "title", &f.title)?;
            let form = build_form(&raw, f)?;
            let slot = match f.kind {
                StaffKind::Leader => &mut leader,
                StaffKind::Staff => &mut staff,
            };
            if slot.replace(form).is_some() {
                return Err(DataError::new(
                    FILE,
                    format!("form {}", f.id),
                    "a second form of this kind",
                ));
            }
        }
        let leader = leader.ok_or_else(|| DataError::new(FILE, "form", "no leader form (03A)"))?;
        let staff = staff.ok_or_else(|| DataError::new(FILE, "form", "no staff form (03B)"))?;
        check_shape(&leader, LEADER_SHAPE)?;
        check_shape(&staff, STAFF_SHAPE)?;
        // 03B's items are 03A's first 18 ids (SPEC section 3).
        for (a, b) in leader.items().zip(staff.items()) {
            if a.id != b.id {
                return Err(DataError::new(
                    FILE,
                    format!("form {} item {}", staff.id, b.id),
                    format!("expected the same id as form {} ({})", leader.id, a.id),
                ));
            }
        }
        for f in [&raw.section, &raw.criterion] {
            for p in f {
                if p.form != leader.id && p.form != staff.id {
                    return Err(DataError::new(
                        FILE,
                        format!("{} {}", p.form, p.id),
                        "unknown form",
                    ));
                }
            }
        }
        for i in &raw.item {
            if i.form != leader.id && i.form != staff.id {
                return Err(DataError::new(
                    FILE,
                    format!("item {} {}", i.form, i.id),
                    "unknown form",
                ));
            }
        }
        Ok(Criteria { leader, staff })
    }
}

fn build_form(raw: &RawFile, f: &RawForm) -> Result<ChecklistForm, DataError> {
    let mut seen = HashSet::new();
    let mut sections = Vec::new();
    for s in raw.section.iter().filter(|s| s.form == f.id) {
        let entry = format!("form {} section {}", f.id, s.id);
        check_text(FILE, &entry, "title", &s.title)?;
        if !seen.insert(s.id.clone()) {
            return Err(DataError::new(FILE, entry, "duplicate id"));
        }
        let mut criteria = Vec::new();
        for c in raw
            .criterion
            .iter()
            .filter(|c| c.form == f.id && parent(&c.id) == s.id)
        {
            let entry = format!("form {} criterion {}", f.id, c.id);
            check_text(FILE, &entry, "title", &c.title)?;
            if !seen.insert(c.id.clone()) {
                return Err(DataError::new(FILE, entry, "duplicate id"));
            }
            let mut items = Vec::new();
            for i in raw
                .item
                .iter()
                .filter(|i| i.form == f.id && parent(&i.id) == c.id)
            {
                let entry = format!("form {} item {}", f.id, i.id);
                check_text(FILE, &entry, "text", &i.text)?;
                if !seen.insert(i.id.clone()) {
                    return Err(DataError::new(FILE, entry, "duplicate id"));
                }
                items.push(Item {
                    id: i.id.clone(),
                    text: i.text.clone(),
                });
            }
            criteria.push(Criterion {
                id: c.id.clone(),
                title: c.title.clone(),
                items,
            });
        }
        sections.push(Section {
            id: s.id.clone(),
            title: s.title.clone(),
            criteria,
        });
    }
    // Every criterion and item must have found its parent.
    for c in raw.criterion.iter().filter(|c| c.form == f.id) {
        if !seen.contains(&c.id) {
            return Err(DataError::new(
                FILE,
                format!("form {} criterion {}", f.id, c.id),
                "no section for this id",
            ));
        }
    }
    for i in raw.item.iter().filter(|i| i.form == f.id) {
        if !seen.contains(&i.id) {
            return Err(DataError::new(
                FILE,
                format!("form {} item {}", f.id, i.id),
                "no criterion for this id",
            ));
        }
    }
    Ok(ChecklistForm {
        id: f.id.clone(),
        kind: f.kind,
        title: f.title.clone(),
        sections,
    })
}

/// `II.2.4` → `II.2`; `II.2` → `II`.
fn parent(id: &str) -> &str {
    id.rsplit_once('.').map_or("", |(p, _)| p)
}

fn check_shape(form: &ChecklistForm, (s, c, i): (usize, usize, usize)) -> Result<(), DataError> {
    let got = (
        form.sections.len(),
        form.criteria().count(),
        form.item_count(),
    );
    if got != (s, c, i) {
        return Err(DataError::new(
            FILE,
            format!("form {}", form.id),
            format!(
                "expected {s} sections, {c} criteria and {i} items, found {} sections, {} criteria and {} items",
                got.0, got.1, got.2
            ),
        ));
    }
    Ok(())
}
