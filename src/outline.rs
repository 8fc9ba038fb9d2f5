//! The documents' templates as data (`templates/documents/`): the order and titles of the
//! plan's body sections, the appendices' titles and the decision's wording. The Word writer
//! lays them out; the importer recognises the same kinds of section.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::{Error, Result};

/// The body template a plan is written with unless another is chosen.
pub const DEFAULT_TEMPLATE: &str = "ke-hoach-hang-nam";

static TEMPLATES: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/templates/documents");

/// The kinds of body section a template orders; the importer recognises the same kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Content {
    GoalsReview,
    AssessmentAreas,
    LegalBases,
    Vision,
    Goals,
    Tasks,
    Solutions,
    Budget,
    Organisation,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplateSection {
    pub(crate) content: Content,
    pub(crate) title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplatePart {
    pub(crate) label: String,
    pub(crate) title: String,
    pub(crate) sections: Vec<TemplateSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplateMeta {
    pub(crate) id: String,
    #[allow(dead_code)]
    pub(crate) version: String,
    #[allow(dead_code)]
    pub(crate) title: String,
}

/// Appendix titles, with the same placeholders as the headings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AppendixTitles {
    pub documents: String,
    pub tasks: String,
    pub indicators: String,
    /// The results report's appendices.
    pub progress: String,
    pub results: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BodyTemplate {
    pub(crate) template: TemplateMeta,
    pub(crate) appendices: AppendixTitles,
    pub(crate) parts: Vec<TemplatePart>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionWording {
    pub(crate) authority: String,
    pub(crate) bases: Vec<DatedBasis>,
    pub(crate) proposal: String,
    pub(crate) article1: String,
    pub(crate) article2: String,
    pub(crate) article3: String,
    pub(crate) recipients_first: String,
}

/// A basis the decision cites when its date falls between `from` and `until` (inclusive).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatedBasis {
    pub(crate) text: String,
    #[serde(default)]
    pub(crate) from: Option<NaiveDate>,
    #[serde(default)]
    pub(crate) until: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecisionFile {
    pub(crate) decision: DecisionWording,
}

/// The Tờ trình's fixed wording (`templates/documents/to-trinh.toml`); what it says of the
/// plan — goals, tasks, budget — is written from the plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubmissionWording {
    pub(crate) issuer: String,
    pub(crate) to: String,
    pub(crate) opening: String,
    pub(crate) necessity: String,
    pub(crate) process: String,
    pub(crate) request: String,
    pub(crate) attached: Vec<String>,
    pub(crate) recipients: Vec<String>,
    /// The consultation on the draft, when there was one: how it went, in figures.
    pub(crate) consulted: String,
    /// Said when the planner states that silence means agreement.
    pub(crate) consulted_silence: String,
    /// The table of comments, among the attached documents.
    pub(crate) attached_consulted: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SubmissionFile {
    pub(crate) submission: SubmissionWording,
}

/// The consultation's documents' fixed wording (`templates/documents/gop-y.toml`): the
/// covering letter and the table of comments. Who was asked, the dates and the figures are
/// the plan's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConsultationWording {
    pub(crate) issuer: String,
    pub(crate) letter_about: String,
    pub(crate) letter_body: Vec<String>,
    pub(crate) letter_recipients: Vec<String>,
    pub(crate) table_title: String,
    pub(crate) table_subject: String,
    pub(crate) table_counts: String,
    pub(crate) table_agreed: String,
    pub(crate) table_silence: String,
    pub(crate) table_unanswered: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConsultationFile {
    pub(crate) consultation: ConsultationWording,
}

pub(crate) fn template_file<T: serde::de::DeserializeOwned>(name: &str) -> Result<T> {
    let file = TEMPLATES
        .get_file(name)
        .ok_or_else(|| Error::Invalid(format!("Không có mẫu văn bản «{name}».")))?;
    let text = file.contents_utf8().unwrap_or_default();
    toml::from_str(text).map_err(|e| Error::Catalogue {
        file: Path::new("templates/documents").join(name),
        line: e
            .span()
            .map_or(1, |s| text[..s.start].matches('\n').count() + 1),
        message: e.message().to_string(),
    })
}

pub(crate) fn body_template(id: &str) -> Result<BodyTemplate> {
    let t: BodyTemplate = template_file(&format!("{id}.toml"))?;
    debug_assert_eq!(t.template.id, id);
    Ok(t)
}

/// Ids of the body templates shipped in `templates/documents/`.
pub fn template_ids() -> Vec<String> {
    TEMPLATES
        .files()
        .filter_map(|f| f.path().file_stem()?.to_str().map(String::from))
        // The wording of the decision, the Tờ trình and the consultation, not body layouts.
        .filter(|n| !["quyet-dinh", "to-trinh", "gop-y"].contains(&n.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_templates_parse() {
        for id in super::template_ids() {
            super::body_template(&id).unwrap();
        }
        super::template_file::<super::DecisionFile>("quyet-dinh.toml").unwrap();
        super::template_file::<super::SubmissionFile>("to-trinh.toml").unwrap();
        super::template_file::<super::ConsultationFile>("gop-y.toml").unwrap();
        assert!(super::template_ids().contains(&super::DEFAULT_TEMPLATE.to_string()));
    }
}
