//! The plan file: one JSON document with a format tag and a schema version, to send a plan
//! by e-mail and to ship the sample. Reading is bounded and all-or-nothing.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Plan;
use crate::{Error, Result};

pub const FORMAT: &str = "dxplan-plan";
/// 2 adds each task's tracking (`progress`), 3 the day an indicator was measured
/// (`measured`), 4 the final check's findings confirmed as intended (`intended`) and the import's points
/// to check (`to_review`), 5 the Tờ trình (`identity.submission`), 6 the consultation on the draft
/// (`consultation`). Older files read the same, without
/// them; an older app told to open a newer file says to update rather than fail on a field.
pub const SCHEMA_VERSION: u32 = 6;
const READABLE: std::ops::RangeInclusive<u32> = 1..=SCHEMA_VERSION;
/// A real plan file is well under 1 MB; refuse anything absurd before parsing it.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
const TRUNCATED: &str =
    "tệp bị cắt cụt (thiếu phần cuối), có thể do tải về hoặc sao chép chưa xong";

#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    format: String,
    schema_version: u32,
    #[serde(default)]
    exported_at: Option<String>,
    plan: serde_json::Value,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<u32>,
}

pub fn to_json(plan: &Plan) -> Result<String> {
    let env = Envelope {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        exported_at: Some(
            chrono::Local::now()
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
        ),
        plan: serde_json::to_value(plan).map_err(|e| Error::Invalid(e.to_string()))?,
    };
    serde_json::to_string_pretty(&env).map_err(|e| Error::Invalid(e.to_string()))
}

/// Parses a plan file's text: checks format and version, NFC-normalises, checks ids.
pub fn from_json(path: &Path, text: &str) -> Result<Plan> {
    let bad = |reason: String| Error::PlanFile {
        path: path.to_path_buf(),
        reason,
    };
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            bad(TRUNCATED.into())
        } else {
            bad(format!(
                "không phải tệp kế hoạch hợp lệ (dòng {}, cột {})",
                e.line(),
                e.column()
            ))
        }
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(bad(
            "không phải tệp kế hoạch của ứng dụng (thiếu dấu hiệu định dạng)".into(),
        ));
    }
    match header.schema_version {
        Some(v) if READABLE.contains(&v) => {}
        Some(found) => {
            return Err(Error::PlanFileVersion {
                found,
                supported: SCHEMA_VERSION,
            })
        }
        None => return Err(bad("thiếu số phiên bản định dạng".into())),
    }
    let env: Envelope =
        serde_json::from_str(text).map_err(|e| bad(crate::fsutil::json_reason(&e)))?;
    let mut value = env.plan;
    crate::text::clean_json(&mut value);
    let plan: Plan = serde_json::from_value(value).map_err(|e| {
        bad(format!(
            "nội dung không đúng cấu trúc: {}",
            crate::fsutil::json_reason(&e)
        ))
    })?;
    check_ids(&plan).map_err(bad)?;
    Ok(plan)
}

pub fn read(path: &Path) -> Result<Plan> {
    let bad = |reason: String| Error::PlanFile {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| bad(crate::fsutil::io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(crate::fsutil::io_reason(&e)))?;
    if bytes.is_empty() {
        return Err(bad("tệp rỗng".into()));
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(bad(format!(
            "tệp lớn hơn {} MB, không phải tệp kế hoạch",
            MAX_BYTES / 1024 / 1024
        )));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(bad(
            "đây là tệp Word/Excel hoặc tệp nén, không phải tệp kế hoạch (.json)".into(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        // An incomplete character at the very end means the file was cut, not that it is binary.
        if e.utf8_error().error_len().is_none() && e.utf8_error().valid_up_to() > 0 {
            bad(TRUNCATED.into())
        } else {
            bad("tệp không phải văn bản UTF-8 (có thể là tệp Word/Excel hoặc tệp nén)".into())
        }
    })?;
    from_json(path, text.trim_start_matches('\u{feff}'))
}

pub fn write(plan: &Plan, path: &Path) -> Result<()> {
    crate::fsutil::write_atomic(path, to_json(plan)?.as_bytes())
}

/// Ids must be unique within their kind, or edits addressed by id would be ambiguous.
pub fn check_ids(plan: &Plan) -> std::result::Result<(), String> {
    fn unique<'a>(
        what: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> std::result::Result<(), String> {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                return Err(format!("mã {what} «{id}» bị trùng"));
            }
        }
        Ok(())
    }
    unique("cơ quan", plan.directory.iter().map(|a| a.id.as_str()))?;
    unique("nhóm", plan.groups.iter().map(|g| g.id.as_str()))?;
    unique("nhiệm vụ", plan.tasks().map(|(_, t)| t.id.as_str()))?;
    unique("chỉ tiêu", plan.indicators().map(|(_, i)| i.id.as_str()))?;
    unique(
        "mục tiêu",
        plan.specific_goals.iter().map(|g| g.id.as_str()),
    )?;
    unique("căn cứ", plan.legal_bases.iter().map(|g| g.id.as_str()))?;
    if let Some(c) = &plan.consultation {
        unique("ý kiến góp ý", c.comments.iter().map(|x| x.id.as_str()))?;
    }
    Ok(())
}
