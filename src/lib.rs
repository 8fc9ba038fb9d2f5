//! Core of the DX-plan application: the plan model, its SQLite store, catalogues,
//! validation, numbering and Vietnamese formatting. No Tauri here: the desktop shell and
//! the CLI both call into this crate.

pub mod agency_name;
pub mod app;
pub mod applog;
pub mod budget;
pub mod catalogue;
pub mod docx;
pub mod edit;
pub mod error;
pub mod format;
pub mod fsutil;
pub mod import;
pub mod model;
pub mod narrative;
pub mod numbering;
pub mod organisation;
pub mod outline;
pub mod planfile;
pub mod plantext;
pub mod preview;
pub mod proposals;
pub mod readiness;
pub mod rollover;
pub mod sample;
pub mod stats;
pub mod store;
pub mod text;
pub mod tracking;
pub mod validation;
pub mod xlsx;

pub use error::{Error, Result};
