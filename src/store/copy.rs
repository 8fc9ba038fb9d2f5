//! Moving plans between databases (a computer and the province's server) with their whole
//! history.

use serde::Serialize;
use ts_rs::TS;

use super::{deltas, Pool, Store, Tx};
use crate::{Error, Result};

/// A plan's row and every row of its history, as copied between databases.
type PlanRow = (
    String,
    String,
    i32,
    String,
    String,
    i64,
    String,
    String,
    String,
);
/// A history row with its `base` (see `deltas`; always none on the server, and none once a
/// copy has made it whole).
type RevisionRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    String,
    Option<i64>,
);

/// What a copy between databases moved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Copied {
    pub plans: usize,
    pub revisions: usize,
}

impl Store {
    /// Every kept revision of a plan, oldest first, each with its whole document (a revision
    /// kept as a patch is read whole; see `deltas`).
    async fn whole_history(&self, id: &str) -> Result<Vec<RevisionRow>> {
        // Each row with its base, in one read (the embedded engine's rows may be patches).
        const REVISIONS: &str = "SELECT revision, created_at, summary, document, kind, state, parent_state, from_state, author, sections, {base} FROM plan_revisions WHERE plan_id = $1 ORDER BY revision";
        let base = match self.pool {
            Pool::Lite(_) => "base",
            Pool::Pg(_) => "CAST(NULL AS BIGINT)",
        };
        let sql = REVISIONS.replace("{base}", base);
        let mut rows: Vec<RevisionRow> = each!(Pool, &self.pool, p => sqlx::query_as(&sql)
            .bind(id)
            .fetch_all(p)
            .await?);
        let patches: Vec<_> = rows.iter().map(|r| (r.0, r.3.clone(), r.10)).collect();
        for (r, doc) in rows.iter_mut().zip(deltas::whole_documents(&patches)?) {
            r.3 = doc;
            r.10 = None;
        }
        Ok(rows)
    }

    /// Copies every plan, with its whole history (each revision, undo and redo as they were),
    /// into `to`, in one transaction there: afterwards both hold equal plans and histories,
    /// and undo goes on working on either. Nothing is copied when `to` already holds one of
    /// the plans. This is how plans move from a computer to the province's server and back.
    pub async fn copy_all_to(&self, to: &Store) -> Result<Copied> {
        const PLANS: &str = "SELECT id, province, year, title, status, revision, created_at, updated_at, document FROM plans ORDER BY created_at, id";
        let plans: Vec<PlanRow> =
            each!(Pool, &self.pool, p => sqlx::query_as(PLANS).fetch_all(p).await?);
        let mut tx = to.begin().await?;
        let mut revisions = 0;
        for plan in &plans {
            let history = self.whole_history(&plan.0).await?;
            let there: i64 = each!(Tx, &mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM plans WHERE id = $1")
                .bind(&plan.0)
                .fetch_one(&mut **c)
                .await?);
            if there > 0 {
                return Err(Error::Invalid(format!(
                    "Nơi nhận đã có kế hoạch «{}» (mã {}); chưa chép kế hoạch nào.",
                    plan.3, plan.0
                )));
            }
            each!(Tx, &mut tx, c => {
                sqlx::query("INSERT INTO plans (id, province, year, title, status, revision, created_at, updated_at, document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                    .bind(&plan.0)
                    .bind(&plan.1)
                    .bind(plan.2)
                    .bind(&plan.3)
                    .bind(&plan.4)
                    .bind(plan.5)
                    .bind(&plan.6)
                    .bind(&plan.7)
                    .bind(&plan.8)
                    .execute(&mut **c)
                    .await?;
                for r in &history {
                    sqlx::query("INSERT INTO plan_revisions (plan_id, revision, created_at, summary, document, kind, state, parent_state, from_state, author, sections) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                        .bind(&plan.0)
                        .bind(r.0)
                        .bind(&r.1)
                        .bind(&r.2)
                        .bind(&r.3)
                        .bind(&r.4)
                        .bind(r.5)
                        .bind(r.6)
                        .bind(r.7)
                        .bind(&r.8)
                        .bind(&r.9)
                        .execute(&mut **c)
                        .await?;
                }
            });
            revisions += history.len();
        }
        tx.commit().await?;
        if let Pool::Lite(pool) = &to.pool {
            deltas::compact(pool).await?;
        }
        Ok(Copied {
            plans: plans.len(),
            revisions,
        })
    }
}
