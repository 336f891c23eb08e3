//! Position lookup (tra cứu vị trí việc làm): the search behind `danhgia lookup`
//! and the TUI's lookup overlay, and the resolved view of a position's
//! required competency levels.
//!
//! Matching compares the diacritic-free fold of the query with the fold of the
//! position's code and name, so `chuyen vien chinh` finds *Chuyên viên chính*,
//! `d` matches `đ`, and NFD input behaves like NFC. Whole-word matches rank
//! above prefix matches, which rank above matches inside a word, which rank
//! above scattered letters; a query found as a phrase ranks above its words
//! found apart.

use crate::data::{Framework, LevelText, Position, ReferenceData};
use crate::domain::{CompetencyGroup, Grade, LevelRange};
use crate::text::{fold, words};

/// A parsed lookup query: its fold, its words and its alphanumeric skeleton
/// (for codes typed without spaces or punctuation, e.g. `cmnv12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub folded: String,
    pub words: Vec<String>,
    pub compact: String,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let folded = fold(input);
        let words: Vec<String> = words(&folded).map(str::to_owned).collect();
        let compact = words.concat();
        let folded = words.join(" ");
        Query {
            folded,
            words,
            compact,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

struct Entry {
    code_compact: String,
    /// The folded code and name as words joined by single spaces.
    haystack: String,
    name: String,
    words: Vec<String>,
}

/// The positions, prepared for searching.
pub struct LookupIndex<'a> {
    data: &'a ReferenceData,
    entries: Vec<Entry>,
}

/// One search result.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub position: &'a Position,
    pub score: u32,
}

const SCORE_EXACT_CODE: u32 = 10_000;
const SCORE_CODE_PREFIX: u32 = 5_000;
const SCORE_PHRASE: u32 = 50;
const SCORE_PHRASE_AT_START: u32 = 10;
const SCORE_WORD: u32 = 30;
const SCORE_PREFIX: u32 = 20;
const SCORE_INFIX: u32 = 10;
const SCORE_SCATTERED: u32 = 1;

impl<'a> LookupIndex<'a> {
    pub fn new(data: &'a ReferenceData) -> Self {
        let entries = data
            .positions
            .positions
            .iter()
            .map(|p| {
                let code_words: Vec<String> = words(&fold(&p.code)).map(str::to_owned).collect();
                let name_words: Vec<String> = words(&fold(&p.name)).map(str::to_owned).collect();
                let name = name_words.join(" ");
                let haystack = format!("{} {}", code_words.join(" "), name);
                let mut all = code_words.clone();
                all.extend(name_words);
                Entry {
                    code_compact: code_words.concat(),
                    haystack,
                    name,
                    words: all,
                }
            })
            .collect();
        LookupIndex { data, entries }
    }

    /// Positions matching `query`, best first. An empty query lists every
    /// position in source order.
    pub fn search(&self, query: &str) -> Vec<Hit<'a>> {
        let q = Query::parse(query);
        let positions = &self.data.positions.positions;
        let mut hits: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| score(&q, e).map(|s| (s, i)))
            .collect();
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| {
                    self.entries[a.1]
                        .name
                        .len()
                        .cmp(&self.entries[b.1].name.len())
                })
                .then_with(|| a.1.cmp(&b.1))
        });
        hits.into_iter()
            .map(|(score, i)| Hit {
                position: &positions[i],
                score,
            })
            .collect()
    }

    pub fn data(&self) -> &'a ReferenceData {
        self.data
    }
}

fn score(q: &Query, e: &Entry) -> Option<u32> {
    if q.is_empty() {
        return Some(0);
    }
    if q.compact == e.code_compact {
        return Some(SCORE_EXACT_CODE);
    }
    let mut total = 0;
    if q.compact.len() >= 2 && e.code_compact.starts_with(&q.compact) && q.words.len() <= 3 {
        total += SCORE_CODE_PREFIX;
    }
    for w in &q.words {
        let best = e
            .words
            .iter()
            .map(|h| {
                if h == w {
                    SCORE_WORD
                } else if h.starts_with(w.as_str()) {
                    SCORE_PREFIX
                } else if h.contains(w.as_str()) {
                    SCORE_INFIX
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0);
        if best > 0 {
            total += best;
        } else if is_subsequence(w, &e.haystack) {
            total += SCORE_SCATTERED;
        } else if total < SCORE_CODE_PREFIX {
            return None;
        }
    }
    if let Some(at) = e.name.find(&q.folded).filter(|_| q.words.len() > 1) {
        let at_word_start = at == 0 || e.name.as_bytes()[at - 1] == b' ';
        if at_word_start {
            total += SCORE_PHRASE;
            if at == 0 {
                total += SCORE_PHRASE_AT_START;
            }
        }
    }
    Some(total)
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut h = haystack.chars();
    needle.chars().all(|c| h.any(|x| x == c))
}

/// Where a position's required ranges come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeSource {
    /// The position's own table (001 §5.2).
    Own,
    /// Derived from the position's minimum grade via the 001 grade table.
    Grade(Grade),
    /// The source states neither a table nor a grade for this position.
    None,
}

impl RangeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            RangeSource::Own => "own",
            RangeSource::Grade(_) => "grade",
            RangeSource::None => "none",
        }
    }
}

/// One competency of a position with its required range and the descriptors
/// of the levels in that range.
#[derive(Debug, Clone)]
pub struct RequiredCompetency<'a> {
    pub group: CompetencyGroup,
    pub key: &'a str,
    pub name: &'a str,
    pub range: Option<LevelRange>,
    pub requirement: Option<&'a str>,
    /// Descriptors of the levels within `range`, lowest first; levels the
    /// framework leaves out are absent.
    pub levels: Vec<&'a LevelText>,
}

/// A position with its competency requirements resolved.
#[derive(Debug, Clone)]
pub struct PositionView<'a> {
    pub position: &'a Position,
    pub framework: &'a Framework,
    pub source: RangeSource,
    pub competencies: Vec<RequiredCompetency<'a>>,
}

impl<'a> PositionView<'a> {
    /// Resolves `position` against its framework and, where it has no table
    /// of its own, against the grade table. `None` if its framework is
    /// unknown, which the loader already refuses.
    pub fn new(data: &'a ReferenceData, position: &'a Position) -> Option<Self> {
        let framework = data.competencies.framework(&position.framework)?;
        let grade_range = position.grade.and_then(|g| data.positions.grade_range(g));
        let source = if !position.competencies.is_empty() {
            RangeSource::Own
        } else if let (Some(g), Some(_)) = (position.grade, grade_range) {
            RangeSource::Grade(g)
        } else {
            RangeSource::None
        };
        let competencies = framework
            .competencies
            .iter()
            .map(|c| {
                let (name, range, requirement) = match source {
                    RangeSource::Own => {
                        match position.competencies.iter().find(|pc| pc.key == c.key) {
                            Some(pc) => (pc.name.as_str(), pc.range, pc.requirement.as_deref()),
                            None => (c.name.as_str(), None, None),
                        }
                    }
                    RangeSource::Grade(_) => {
                        (c.name.as_str(), grade_range.map(|g| g.range(c.group)), None)
                    }
                    RangeSource::None => (c.name.as_str(), None, None),
                };
                let mut levels: Vec<&LevelText> = match range {
                    Some(r) => c.levels.iter().filter(|l| r.contains(l.level)).collect(),
                    None => Vec::new(),
                };
                levels.sort_by_key(|l| l.level);
                RequiredCompetency {
                    group: c.group,
                    key: &c.key,
                    name,
                    range,
                    requirement,
                    levels,
                }
            })
            .collect();
        Some(PositionView {
            position,
            framework,
            source,
            competencies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_folds_and_splits() {
        let q = Query::parse("  Chuyên  viên-CHÍNH ");
        assert_eq!(q.words, vec!["chuyen", "vien", "chinh"]);
        assert_eq!(q.folded, "chuyen vien chinh");
        assert_eq!(q.compact, "chuyenvienchinh");
        assert!(Query::parse(" -/ ").is_empty());
    }

    #[test]
    fn subsequence_matches_scattered_letters_in_order() {
        assert!(is_subsequence("cvc", "chuyen vien chinh"));
        assert!(!is_subsequence("cvx", "chuyen vien chinh"));
    }
}
