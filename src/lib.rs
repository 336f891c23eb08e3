//! danhgia — đánh giá sự chuyên nghiệp, KPI và tra cứu khung năng lực.
//!
//! Layers, each with one job (see STYLE.md): [`domain`] holds pure types and
//! rules; [`data`] loads the reference data embedded from `data/`; `store`
//! speaks SQLite; `service` is the only way in for every read and write; the
//! front ends (the CLI in the binary, `tui`, `report`, `import`) sit on top of
//! `service`.

pub mod config;
pub mod data;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod outfile;
pub mod privilege;
pub mod report;
pub mod service;
pub mod store;
pub mod text;
pub mod tui;
