//! The revisions of a plan: how each is written (who, which sections, the last
//! `KEEP_REVISIONS` kept), and undo and redo, which show an earlier state again as a new
//! revision, so that the history itself is never rewritten.

use super::deltas::{self, document_at};
use super::{accounts, now, status_str, Pool, Revision, Store, Tx, UserAccount, KEEP_REVISIONS};
use crate::model::Plan;
use crate::{Error, Result};

/// How a revision came about (see migration 0002).
pub(super) struct Step {
    pub(super) kind: &'static str,
    pub(super) state: i64,
    pub(super) parent_state: Option<i64>,
    pub(super) from_state: Option<i64>,
}

async fn head(tx: &mut Tx, id: &str) -> Result<i64> {
    let sql = tx.locking("SELECT revision FROM plans WHERE id = $1");
    let revision: Option<i64> = each!(Tx, tx, c => sqlx::query_scalar(&sql)
        .bind(id)
        .fetch_optional(&mut **c)
        .await?);
    revision.ok_or_else(|| Error::PlanNotFound(id.to_string()))
}

/// The state shown by revision `revision` (itself for an edit).
pub(super) async fn current_state(tx: &mut Tx, id: &str, revision: i64) -> Result<i64> {
    let state: Option<Option<i64>> = each!(Tx, tx, c => sqlx::query_scalar(
        "SELECT state FROM plan_revisions WHERE plan_id = $1 AND revision = $2",
    )
    .bind(id)
    .bind(revision)
    .fetch_optional(&mut **c)
    .await?);
    Ok(state.flatten().unwrap_or(revision))
}

/// The state an edit was made from, and the edit's summary: where undo goes back to.
async fn made_from(tx: &mut Tx, id: &str, state: i64) -> Result<Option<(i64, String)>> {
    const SQL: &str =
        "SELECT parent_state, summary FROM plan_revisions WHERE plan_id = $1 AND revision = $2";
    let row: Option<(Option<i64>, String)> = each!(Tx, tx, c => sqlx::query_as(SQL)
        .bind(id)
        .bind(state)
        .fetch_optional(&mut **c)
        .await?);
    Ok(row.and_then(|(parent, summary)| Some((parent?, summary))))
}

/// Shows state `target` again, as revision `head + 1` of the given kind (undo or redo).
async fn restore(
    tx: &mut Tx,
    me: &UserAccount,
    id: &str,
    head: i64,
    target: i64,
    kind: &'static str,
    summary: &str,
) -> Result<i64> {
    let from = current_state(tx, id, head).await?;
    let shown = document_at(tx, id, head).await.ok();
    let plan = document_at(tx, id, target).await?;
    let step = Step {
        kind,
        state: target,
        parent_state: None,
        from_state: Some(from),
    };
    let change = Change {
        before: shown.as_ref(),
        after: &plan,
        summary,
    };
    write_revision(tx, me, id, head + 1, change, step).await?;
    Ok(head + 1)
}

/// The state a redo returns to: the trailing run of undo/redo revisions read as a stack.
async fn redo_target(tx: &mut Tx, id: &str) -> Result<Option<i64>> {
    const SQL: &str =
        "SELECT kind, from_state FROM plan_revisions WHERE plan_id = $1 ORDER BY revision DESC";
    let rows: Vec<(String, Option<i64>)> = each!(Tx, tx, c => sqlx::query_as(SQL)
        .bind(id)
        .fetch_all(&mut **c)
        .await?);
    let run: Vec<(String, Option<i64>)> =
        rows.into_iter().take_while(|(k, _)| k != "edit").collect();
    let mut stack = Vec::new();
    for (kind, from) in run.into_iter().rev() {
        match kind.as_str() {
            "undo" => stack.push(from),
            _ => {
                stack.pop();
            }
        }
    }
    Ok(stack.pop().flatten())
}

/// A revision's content: the plan shown before it (none for a new plan), after it, and what
/// the history calls it.
pub(super) struct Change<'a> {
    pub(super) before: Option<&'a Plan>,
    pub(super) after: &'a Plan,
    pub(super) summary: &'a str,
}

/// Writes the plan as revision `next` and the plan's current document, in the caller's
/// transaction, with who wrote it and which sections it changed; keeps the last
/// `KEEP_REVISIONS` revisions.
pub(super) async fn write_revision(
    tx: &mut Tx,
    me: &UserAccount,
    id: &str,
    next: i64,
    change: Change<'_>,
    step: Step,
) -> Result<()> {
    let Change {
        before,
        after: plan,
        summary,
    } = change;
    let doc = serde_json::to_string(plan).map_err(|e| Error::Invalid(e.to_string()))?;
    let sections = accounts::sections_changed(before, plan);
    let t = now();
    let i = &plan.identity;
    each!(Tx, tx, c => {
        sqlx::query("UPDATE plans SET province = $1, year = $2, title = $3, status = $4, revision = $5, updated_at = $6, document = $7 WHERE id = $8")
            .bind(&i.province)
            .bind(i.year)
            .bind(&i.title)
            .bind(status_str(i.status))
            .bind(next)
            .bind(&t)
            .bind(&doc)
            .bind(id)
            .execute(&mut **c)
            .await?;
        sqlx::query("INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, parent_state, from_state, author, sections) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(id)
            .bind(next)
            .bind(&t)
            .bind(summary)
            .bind(&doc)
            .bind(step.kind)
            .bind(step.state)
            .bind(step.parent_state)
            .bind(step.from_state)
            .bind(&me.account)
            .bind(&sections)
            .execute(&mut **c)
            .await?;
        sqlx::query("DELETE FROM plan_revisions WHERE plan_id = $1 AND revision <= $2")
            .bind(id)
            .bind(next - KEEP_REVISIONS)
            .execute(&mut **c)
            .await?;
    });
    if let Some(before) = before {
        deltas::keep_as_delta(tx, id, next - 1, before, plan).await?;
    }
    Ok(())
}

impl Store {
    /// Goes back to the state before the last edit (itself recorded as a new revision).
    /// `None` when there is nothing to undo.
    pub async fn undo(&self, id: &str) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let revision = head(&mut tx, id).await?;
        let state = current_state(&mut tx, id, revision).await?;
        let Some((parent, summary)) = made_from(&mut tx, id, state).await? else {
            return Ok(None);
        };
        let next = restore(
            &mut tx,
            &self.me,
            id,
            revision,
            parent,
            "undo",
            &format!("Hoàn tác: {summary}"),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    /// Re-applies the last undone edit, as long as no new edit came after the undo.
    pub async fn redo(&self, id: &str) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let revision = head(&mut tx, id).await?;
        let Some(target) = redo_target(&mut tx, id).await? else {
            return Ok(None);
        };
        const SQL: &str = "SELECT summary FROM plan_revisions WHERE plan_id = $1 AND revision = $2";
        let summary: String = each!(Tx, &mut tx, c => sqlx::query_scalar(SQL)
            .bind(id)
            .bind(target)
            .fetch_one(&mut **c)
            .await?);
        let next = restore(
            &mut tx,
            &self.me,
            id,
            revision,
            target,
            "redo",
            &format!("Làm lại: {summary}"),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    /// Whether undo and redo are possible now (for the app's buttons). Reads only, in a
    /// transaction so that the answers agree with each other.
    pub async fn undo_redo_available(&self, id: &str) -> Result<(bool, bool)> {
        let mut tx = self.begin_read().await?;
        let revision = {
            const SQL: &str = "SELECT revision FROM plans WHERE id = $1";
            let r: Option<i64> = each!(Tx, &mut tx, c => sqlx::query_scalar(SQL)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?);
            r.ok_or_else(|| Error::PlanNotFound(id.to_string()))?
        };
        let state = current_state(&mut tx, id, revision).await?;
        let undo = made_from(&mut tx, id, state).await?.is_some();
        let redo = redo_target(&mut tx, id).await?.is_some();
        tx.commit().await?;
        Ok((undo, redo))
    }

    pub async fn history(&self, id: &str) -> Result<Vec<Revision>> {
        const SQL: &str = "SELECT revision, created_at, summary FROM plan_revisions WHERE plan_id = $1 ORDER BY revision DESC";
        let rows: Vec<(i64, String, String)> = each!(Pool, &self.pool, p => sqlx::query_as(SQL)
            .bind(id)
            .fetch_all(p)
            .await?);
        Ok(rows
            .into_iter()
            .map(|(revision, created_at, summary)| Revision {
                revision,
                created_at,
                summary,
            })
            .collect())
    }

    /// The plan as it was at a kept revision (`None` when that revision is no longer kept).
    pub async fn plan_at(&self, id: &str, revision: i64) -> Result<Option<Plan>> {
        let mut tx = self.begin_read().await?;
        deltas::plan_at(&mut tx, id, revision).await
    }
}
