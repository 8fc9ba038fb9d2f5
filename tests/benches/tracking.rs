//! The year after the plan, on a 1,000-task plan with every task tracked: the tracking
//! screen's view (tracking::view through Session, plus its JSON for the IPC), the results
//! report as Word and as a workbook, and a progress round read back (10 workbooks).
//! Targets: the core's part of the screen < 200 ms (the window's part is measured in the
//! e2e run), report < 1 s. Run: `bash scripts/bench tracking`.

use std::time::{Duration, Instant};

use dxplan::app::Session;
use dxplan::model::{Plan, TaskStatus};

#[path = "plans.rs"]
mod plans;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// Every task given a status, a note, a report day and an amount spent; every indicator an
/// actual value — the plan as it stands in November.
fn tracked(mut plan: Plan) -> Plan {
    let day = chrono::NaiveDate::from_ymd_opt(plan.identity.year, 11, 20);
    for (k, t) in plan
        .groups
        .iter_mut()
        .flat_map(|g| g.tasks.iter_mut())
        .enumerate()
    {
        t.status = TaskStatus::ALL[k % TaskStatus::ALL.len()];
        t.progress.note = format!("Đã thực hiện phần việc thứ {k} theo kế hoạch, báo cáo định kỳ.");
        t.progress.updated = day;
        t.progress.spent = Some(rust_decimal::Decimal::from(k as i64 % 700));
    }
    for (k, i) in plan
        .specific_goals
        .iter_mut()
        .flat_map(|g| g.indicators.iter_mut())
        .enumerate()
    {
        i.actual = Some(rust_decimal::Decimal::from(50 + k as i64 % 50));
        i.measured = day;
    }
    plan
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let plan = tracked(plans::big_plan(1000));
    let tasks = plan.tasks().count();
    let day = chrono::NaiveDate::from_ymd_opt(plan.identity.year, 11, 30);
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let s = rt
        .block_on(Session::open(&dir.path().join("bench.sqlite"), None))
        .unwrap();
    let file = dir.path().join("plan.json");
    dxplan::planfile::write(&plan, &file).unwrap();
    let view = rt
        .block_on(s.create(dxplan::app::NewPlan::File { path: file }))
        .unwrap();

    println!("Tracking and the results report on a plan of {tasks} tasks, median of 15:");
    let screen = time(15, || {
        let t = rt.block_on(s.tracking(&view.id, day)).unwrap();
        serde_json::to_string(&t).unwrap().len()
    });
    let size = serde_json::to_string(&rt.block_on(s.tracking(&view.id, day)).unwrap())
        .unwrap()
        .len();
    println!(
        "  tracking screen (load + view + JSON, {} KB)  {:>8.1} ms   target < 200 ms",
        size / 1024,
        ms(screen)
    );
    let opts = dxplan::docx::Options {
        doc: dxplan::docx::DocChoice::BaoCao { as_of: day },
        draft: true,
        ..Default::default()
    };
    let docx = time(15, || dxplan::docx::build(&plan, &opts).unwrap().len());
    println!(
        "  report, Word (.docx)                        {:>8.1} ms   target < 1000 ms",
        ms(docx)
    );
    let xlsx = time(15, || {
        dxplan::xlsx::report(&plan, day.unwrap()).unwrap().len()
    });
    println!(
        "  report, workbook (.xlsx)                    {:>8.1} ms   target < 1000 ms",
        ms(xlsx)
    );

    let agencies: Vec<String> = plan
        .directory
        .iter()
        .take(10)
        .map(|a| a.id.clone())
        .collect();
    let round = tempfile::tempdir().unwrap();
    let send = time(5, || {
        dxplan::proposals::batch::send(
            &plan,
            dxplan::proposals::batch::Round::Progress,
            &agencies,
            round.path(),
            &dxplan::proposals::seal::Seal::new("k".repeat(32)),
        )
        .unwrap()
        .files
        .len()
    });
    let sent = dxplan::proposals::batch::send(
        &plan,
        dxplan::proposals::batch::Round::Progress,
        &agencies,
        round.path(),
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let files: Vec<_> = sent.files.iter().map(|f| f.file.clone()).collect();
    let rows = dxplan::proposals::review(
        &plan,
        &files,
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .same
    .len();
    let review = time(5, || {
        dxplan::proposals::review(
            &plan,
            &files,
            &dxplan::proposals::seal::Seal::new("k".repeat(32)),
        )
        .same
        .len()
    });
    println!(
        "  progress round: send {} workbooks {:>8.1} ms; read back {rows} rows {:>8.1} ms",
        files.len(),
        ms(send),
        ms(review)
    );
}
