//! A history that stays small on the embedded engine. The newest revision, and every
//! `FULL_EVERY`-th, hold the whole plan; each other revision holds only a JSON Patch
//! (RFC 6902) that turns the revision after it back into it — a reverse delta, as version
//! control systems keep history. Reading a revision applies at most `FULL_EVERY - 1` small
//! patches to the full copy above it; undo, which reads the revision just before the newest,
//! applies one. A chain only points forward, so pruning the oldest revisions never breaks one.
//!
//! The PostgreSQL engine keeps whole documents: its guards check that a history row holds
//! exactly the plan as saved (migrations 0004–0006), and the server compresses large values
//! itself (TOAST).

use serde_json::Value;
use sqlx::SqlitePool;

use super::Tx;
use crate::model::Plan;
use crate::{Error, Result};

/// One revision in this many keeps the whole plan, so that no chain of patches is longer.
pub(super) const FULL_EVERY: i64 = 50;

fn damaged(id: &str, revision: i64, detail: impl ToString) -> Error {
    Error::Damaged {
        id: format!("{id} (phiên bản {revision})"),
        detail: detail.to_string(),
    }
}

/// Revision `revision`'s plan as JSON, or `None` when the revision is no longer kept.
pub(super) async fn document_json(tx: &mut Tx, id: &str, revision: i64) -> Result<Option<Value>> {
    // PostgreSQL's rows are always whole: it has no `base` column.
    let sql = match tx {
        Tx::Lite(_) => "SELECT document, base FROM plan_revisions WHERE plan_id = $1 AND revision = $2",
        Tx::Pg(_) => "SELECT document, CAST(NULL AS BIGINT) FROM plan_revisions WHERE plan_id = $1 AND revision = $2",
    };
    let mut patches = Vec::new();
    let mut at = revision;
    let full = loop {
        let row: Option<(String, Option<i64>)> = each!(Tx, tx, c => sqlx::query_as(sql)
            .bind(id)
            .bind(at)
            .fetch_optional(&mut **c)
            .await?);
        match row {
            None if patches.is_empty() => return Ok(None),
            None => {
                return Err(damaged(
                    id,
                    revision,
                    format!("revision {at} missing from a chain"),
                ))
            }
            Some((doc, None)) => break doc,
            // A base at or below the row would make a loop: only forward chains are written.
            Some((_, Some(base))) if base <= at => {
                return Err(damaged(
                    id,
                    revision,
                    format!("revision {at} based on {base}"),
                ))
            }
            Some((patch, Some(base))) => {
                patches.push(patch);
                at = base;
            }
        }
    };
    let mut value: Value = serde_json::from_str(&full).map_err(|e| damaged(id, at, e))?;
    for patch in patches.iter().rev() {
        let patch: json_patch::Patch =
            serde_json::from_str(patch).map_err(|e| damaged(id, revision, e))?;
        json_patch::patch(&mut value, &patch).map_err(|e| damaged(id, revision, e))?;
    }
    Ok(Some(value))
}

/// Revision `revision`'s plan, or `None` when the revision is no longer kept.
pub(super) async fn plan_at(tx: &mut Tx, id: &str, revision: i64) -> Result<Option<Plan>> {
    document_json(tx, id, revision)
        .await?
        .map(|doc| serde_json::from_value(doc).map_err(|e| damaged(id, revision, e)))
        .transpose()
}

/// Revision `revision`'s plan, for undo and redo: one no longer kept is the end of the history.
pub(super) async fn document_at(tx: &mut Tx, id: &str, revision: i64) -> Result<Plan> {
    plan_at(tx, id, revision)
        .await?
        .ok_or_else(|| Error::Invalid("Không còn lịch sử để hoàn tác thêm.".into()))
}

/// The patch stored in the older revision's row: it turns `newer` back into `older`.
fn reverse_delta(newer: &Value, older: &Value) -> String {
    serde_json::to_string(&json_patch::diff(newer, older)).unwrap_or_default()
}

fn is_full_copy(revision: i64) -> bool {
    revision < 1 || revision % FULL_EVERY == 0
}

/// Once revision `older + 1` is written (whole, as the newest), revision `older` becomes a
/// patch from it — on the embedded engine, and unless `older` is one of the full copies.
pub(super) async fn keep_as_delta(
    tx: &mut Tx,
    id: &str,
    older: i64,
    before: &Plan,
    after: &Plan,
) -> Result<()> {
    let Tx::Lite(c) = tx else { return Ok(()) };
    if is_full_copy(older) {
        return Ok(());
    }
    let as_json = |p: &Plan| serde_json::to_value(p).map_err(|e| Error::Invalid(e.to_string()));
    let patch = reverse_delta(&as_json(after)?, &as_json(before)?);
    sqlx::query("UPDATE plan_revisions SET document = $1, base = $2 WHERE plan_id = $3 AND revision = $4 AND base IS NULL")
        .bind(patch)
        .bind(older + 1)
        .bind(id)
        .bind(older)
        .execute(&mut **c)
        .await?;
    Ok(())
}

/// Turns every whole revision that could be a patch into one, in one transaction: the
/// migration of a database written before patches were kept (and of a history copied down
/// from a server). Returns how many revisions it rewrote; the file is then vacuumed so
/// that it shrinks on disk.
pub(super) async fn compact(pool: &SqlitePool) -> Result<usize> {
    const CANDIDATES: &str = "SELECT r.plan_id, r.revision FROM plan_revisions r \
        WHERE r.base IS NULL AND r.revision % $1 <> 0 AND EXISTS \
        (SELECT 1 FROM plan_revisions n WHERE n.plan_id = r.plan_id AND n.revision = r.revision + 1) \
        ORDER BY r.plan_id, r.revision";
    let rows: Vec<(String, i64)> = sqlx::query_as(CANDIDATES)
        .bind(FULL_EVERY)
        .fetch_all(pool)
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut tx = Tx::Lite(pool.begin_with("BEGIN IMMEDIATE").await?);
    for (id, revision) in &rows {
        // Oldest first: the newer neighbour is still whole, or already a patch that reads.
        let older = document_json(&mut tx, id, *revision).await?;
        let newer = document_json(&mut tx, id, revision + 1).await?;
        let (Some(older), Some(newer)) = (older, newer) else {
            continue;
        };
        let Tx::Lite(c) = &mut tx else {
            unreachable!("opened on the embedded engine")
        };
        sqlx::query("UPDATE plan_revisions SET document = $1, base = $2 WHERE plan_id = $3 AND revision = $4")
            .bind(reverse_delta(&newer, &older))
            .bind(revision + 1)
            .bind(id)
            .bind(revision)
            .execute(&mut **c)
            .await?;
    }
    tx.commit().await?;
    // Giving the space back needs the file to itself: another window reading it just then
    // only means it shrinks at a later opening.
    if let Err(e) = sqlx::query("VACUUM").execute(pool).await {
        log::warn!("VACUUM after compacting the history: {e}");
    }
    Ok(rows.len())
}

/// The whole document of each of a plan's revisions, given each row's stored document and
/// base (ascending by revision), as the plan's own JSON: what a copy to another database
/// writes.
pub(super) fn whole_documents(rows: &[(i64, String, Option<i64>)]) -> Result<Vec<String>> {
    let mut out = vec![String::new(); rows.len()];
    // Newest first: a patch's base is the revision just after it, read the step before. A
    // whole row is copied as it is, and parsed only when the row before it is a patch.
    let mut newer: Option<(i64, Option<Value>)> = None;
    for (k, (revision, doc, base)) in rows.iter().enumerate().rev() {
        let bad = |e: &dyn std::fmt::Display| damaged("", *revision, e.to_string());
        let Some(base) = base else {
            out[k] = doc.clone();
            newer = Some((*revision, None));
            continue;
        };
        let mut value = match newer.take() {
            Some((at, Some(value))) if at == *base => value,
            Some((at, None)) if at == *base => {
                serde_json::from_str(&out[k + 1]).map_err(|e| bad(&e))?
            }
            _ => return Err(bad(&format!("base {base} is not the next revision"))),
        };
        let patch: json_patch::Patch = serde_json::from_str(doc).map_err(|e| bad(&e))?;
        json_patch::patch(&mut value, &patch).map_err(|e| bad(&e))?;
        // The plan's own field order, as a whole revision is written.
        let plan: Plan = serde_json::from_value(value.clone()).map_err(|e| bad(&e))?;
        out[k] = serde_json::to_string(&plan).map_err(|e| Error::Invalid(e.to_string()))?;
        newer = Some((*revision, Some(value)));
    }
    Ok(out)
}
