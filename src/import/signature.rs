//! The recipients ("Nơi nhận") and the signature block, read from the table that holds them.

use crate::model::Plan;

/// Recipients, archive unit and signer from the cells of the signature table.
pub(super) fn read(rows: &[Vec<String>], plan: &mut Plan) {
    for r in rows {
        for cell in r {
            let lines: Vec<&str> = cell
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if lines.first().is_some_and(|l| l.starts_with("Nơi nhận")) {
                plan.identity.recipients = lines
                    .iter()
                    .skip(1)
                    .filter(|l| !l.contains("Lưu:"))
                    .map(|l| {
                        l.trim_start_matches(['-', ' '])
                            .trim_end_matches([';', '.'])
                            .trim()
                            .to_string()
                    })
                    .filter(|l| !l.is_empty())
                    .collect();
                if let Some(l) = lines.iter().find(|l| l.contains("Lưu:")) {
                    plan.identity.archive_unit =
                        l.split_once("VT,").map_or(String::new(), |(_, u)| {
                            u.trim().trim_end_matches('.').to_string()
                        });
                }
            } else if lines
                .first()
                .is_some_and(|l| l.starts_with("TM.") || l.starts_with("KT."))
            {
                let s = &mut plan.identity.signer;
                s.authority = lines
                    .iter()
                    .find(|l| l.starts_with("TM."))
                    .map_or(String::new(), |l| l.to_string());
                s.deputy_line = lines
                    .iter()
                    .find(|l| l.starts_with("KT."))
                    .map(|l| l.to_string());
                s.title = lines
                    .iter()
                    .find(|l| {
                        !l.starts_with("TM.")
                            && !l.starts_with("KT.")
                            && l.chars()
                                .filter(|c| c.is_alphabetic())
                                .all(|c| !c.is_lowercase())
                    })
                    .map_or(String::new(), |l| l.to_string());
                s.name = lines
                    .last()
                    .filter(|l| l.chars().any(|c| c.is_lowercase()))
                    .map_or(String::new(), |l| l.to_string());
            }
        }
    }
}
