//! The seal on a workbook sent to one agency: a keyed hash (HMAC-SHA256) of the plan (province
//! and year), the kind of round and the agency, written beside the agency's id on the hidden
//! sheet. The key is a secret of the database (`Store::seal_key`; on the shared server
//! departments cannot read it), so whoever edits the file — the agency's id changed to
//! another's, the seal copied from another file — cannot make a seal that matches. Checked
//! when the file comes back, in the database that sent it (a round sent from this computer
//! and received on the server after `copy-plans` must be sent again).

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::model::{Agency, Plan};

/// The database's key for sealing workbooks.
#[derive(Clone)]
pub struct Seal(String);

impl Seal {
    pub fn new(key: String) -> Seal {
        Seal(key)
    }

    /// A fresh random key (two v4 UUIDs: 244 random bits).
    pub fn new_key() -> String {
        format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        )
    }

    /// The seal of a workbook of kind `mark` for `agency` in `plan`.
    pub fn of(&self, plan: &Plan, mark: &str, agency: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.0.as_bytes()).expect("any key length");
        let year = plan.identity.year.to_string();
        for part in [plan.identity.province.as_str(), year.as_str(), mark, agency] {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        let bytes = mac.finalize().into_bytes();
        bytes[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Who a workbook claiming to be `claimed`'s really was sent to: `Ok` when its seal is
    /// that agency's, otherwise the sentence that refuses it (naming the agency the seal
    /// belongs to, when it is one of the plan's).
    pub fn check<'p>(
        &self,
        plan: &'p Plan,
        mark: &str,
        claimed: Option<&'p Agency>,
        seal: Option<&str>,
    ) -> std::result::Result<(), String> {
        let seal = seal.map(str::trim).unwrap_or("");
        if let Some(a) = claimed {
            if !seal.is_empty() && self.of(plan, mark, &a.id) == seal {
                return Ok(());
            }
        }
        let sent_to = plan
            .directory
            .iter()
            .find(|a| !seal.is_empty() && self.of(plan, mark, &a.id) == seal);
        Err(match (sent_to, claimed) {
            (Some(to), Some(c)) => format!(
                "Tệp này được gửi cho {} nhưng đã bị sửa thành tệp của {}: không nhận. Cơ quan nào gửi lại tệp của chính mình.",
                to.name, c.name
            ),
            (Some(to), None) => format!(
                "Tệp này được gửi cho {} nhưng phần đánh dấu cơ quan đã bị sửa: không nhận.",
                to.name
            ),
            (None, _) => "Tệp không có dấu xác thực của ứng dụng cho kế hoạch này (tệp cũ, tệp của kế hoạch khác, hoặc đã bị sửa): không rõ cơ quan nào gửi, không nhận. Hãy gửi lại tệp mới cho cơ quan.".to_string(),
        })
    }
}
