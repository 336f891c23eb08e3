//! Quarters (`YYYY-Qn`) and months: the calendar of a round.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A quarter, e.g. `2026-Q3`: one assessment round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub q: u8,
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

impl Quarter {
    pub fn new(year: i32, q: u8) -> Option<Quarter> {
        ((1..=4).contains(&q) && (1900..=9999).contains(&year)).then_some(Quarter { year, q })
    }

    /// The quarter a month belongs to.
    pub fn of_month(m: Month) -> Quarter {
        Quarter {
            year: m.year,
            q: (m.month - 1) / 3 + 1,
        }
    }

    /// The quarter's three months, in order.
    pub fn months(self) -> [Month; 3] {
        let first = (self.q - 1) * 3 + 1;
        [0, 1, 2].map(|i| Month {
            year: self.year,
            month: first + i,
        })
    }

    /// Thời điểm đánh giá: the 25th of the quarter's last month (003, Bước 3).
    pub fn assessment_date(self) -> NaiveDate {
        let last = self.months()[2];
        NaiveDate::from_ymd_opt(self.year, u32::from(last.month), 25).unwrap_or(NaiveDate::MIN)
    }

    /// The four quarters of a year.
    pub fn of_year(year: i32) -> [Quarter; 4] {
        [1, 2, 3, 4].map(|q| Quarter { year, q })
    }

    pub fn previous(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    /// The quarter that contains `date`.
    pub fn containing(date: NaiveDate) -> Quarter {
        use chrono::Datelike;
        Quarter::of_month(Month {
            year: date.year(),
            month: date.month() as u8,
        })
    }
}

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Month> {
        ((1..=12).contains(&month)).then_some(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.month), 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let next = if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        };
        next.first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", self.month, self.year)
    }
}

/// Why a quarter could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a quarter; write it as YYYY-Qn, e.g. 2026-Q3")]
pub struct BadQuarter(pub String);

impl FromStr for Quarter {
    type Err = BadQuarter;

    /// Accepts `2026-Q3`, `2026-q3`, `2026Q3`, `Q3/2026` and `Q3-2026`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadQuarter(s.to_owned());
        let t = s.trim().to_ascii_uppercase();
        let (year, q) = if let Some((y, q)) = t.split_once('Q') {
            if y.is_empty() {
                // Q3/2026
                let (q, y) = q.split_once(['/', '-']).ok_or_else(bad)?;
                (y.to_owned(), q.to_owned())
            } else {
                (y.trim_end_matches(['-', '/']).to_owned(), q.to_owned())
            }
        } else {
            return Err(bad());
        };
        let year: i32 = year.parse().map_err(|_| bad())?;
        let q: u8 = q.parse().map_err(|_| bad())?;
        Quarter::new(year, q).ok_or_else(bad)
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spellings_people_use() {
        let q3 = Quarter { year: 2026, q: 3 };
        for s in [
            "2026-Q3",
            "2026-q3",
            "2026Q3",
            "Q3/2026",
            "q3-2026",
            " 2026-Q3 ",
        ] {
            assert_eq!(s.parse::<Quarter>().unwrap(), q3, "{s}");
        }
        for s in ["2026-Q5", "2026-Q0", "2026", "Q3", "abc", "2026-Q"] {
            assert!(s.parse::<Quarter>().is_err(), "{s}");
        }
        assert_eq!(q3.to_string(), "2026-Q3");
    }

    #[test]
    fn assessment_date_is_the_25th_of_the_last_month() {
        assert_eq!(
            Quarter { year: 2026, q: 3 }.assessment_date(),
            NaiveDate::from_ymd_opt(2026, 9, 25).unwrap()
        );
        assert_eq!(
            Quarter { year: 2026, q: 4 }.assessment_date(),
            NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()
        );
    }

    #[test]
    fn months_of_a_quarter() {
        let m = Quarter { year: 2026, q: 1 }.months();
        assert_eq!(m.map(|m| m.month), [1, 2, 3]);
        assert_eq!(
            Quarter::of_month(Month {
                year: 2026,
                month: 9
            }),
            Quarter { year: 2026, q: 3 }
        );
        assert_eq!(
            Month {
                year: 2024,
                month: 2
            }
            .last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            Month {
                year: 2026,
                month: 12
            }
            .last_day(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
    }

    #[test]
    fn previous_and_next_cross_years() {
        let q1 = Quarter { year: 2026, q: 1 };
        assert_eq!(q1.previous(), Quarter { year: 2025, q: 4 });
        assert_eq!(q1.previous().next(), q1);
    }
}
