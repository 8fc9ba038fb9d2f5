//! Importing a very large plan file: `import-file`'s path (`Session::create` from a plan file:
//! read, check, store, build the view) on plans of 20,000, 40,000 and 80,000 groups, one in
//! ten with a task. Linear time means the 80,000-group file takes about twice the 40,000-group
//! one.
//! Run: `bash scripts/bench import`.

use std::time::Instant;

use dxplan::app::{NewPlan, Session};
use dxplan::model::{Plan, Task, TaskGroup};

#[path = "summary.rs"]
mod summary;

/// The sample with `n` groups, one in ten with a short task (the plan file stays under its
/// 20 MB limit at 80,000 groups).
fn many_groups(n: usize) -> Plan {
    let mut plan = dxplan::sample::plan();
    let lead = plan.groups[0].tasks[0].lead.clone();
    plan.groups = (0..n)
        .map(|i| TaskGroup {
            id: format!("g{i}"),
            title: format!("Nhóm {i}"),
            framework_ref: None,
            intro: Default::default(),
            // One group in ten has a task: every group at 80,000 would pass the limit.
            tasks: (i % 10 == 0)
                .then(|| Task {
                    id: format!("t{i}"),
                    ..Task::new(format!("Nhiệm vụ {i}"), lead.clone())
                })
                .into_iter()
                .collect(),
        })
        .collect();
    plan
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("import-file of a plan file with many groups (one in ten with a task):");
    let mut times = Vec::new();
    for n in [20_000, 40_000, 80_000] {
        let file = dir.path().join(format!("plan-{n}.json"));
        dxplan::planfile::write(&many_groups(n), &file).unwrap();
        let seconds = rt.block_on(async {
            let s = Session::open(&dir.path().join(format!("{n}.sqlite")), None)
                .await
                .unwrap();
            let t = Instant::now();
            let view = s.create(NewPlan::File { path: file }).await.unwrap();
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(view.plan.groups.len(), n);
            seconds
        });
        println!("{n:>7} groups: {seconds:.2} s");
        times.push(seconds);
    }
    let ratio = times[2] / times[1];
    summary::row(
        "import-file of a plan file with 80,000 groups",
        &format!(
            "{:.2} s (40,000: {:.2} s; ×{ratio:.1} for twice the groups)",
            times[2], times[1]
        ),
        "linear (×2.5 at most for twice the groups)",
        ratio <= 2.5,
    );
}
