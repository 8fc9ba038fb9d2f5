//! Export speed and size: the sample plan and a generated 5,000-task plan, each built by
//! dxplan (in-process) and by an equivalent Python script on the same data, in the same run:
//! the Word document against python-docx, the appendix workbook against openpyxl. Prints
//! the figures and the ratios. Run: `bash scripts/bench`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use dxplan::docx::{build, DocChoice, Options};
use dxplan::model::Plan;

/// Issue 25's targets: how many times faster than python-docx and openpyxl on the same data,
/// and the Word export of 5,000 tasks.
const WORD_RATIO: f64 = 30.0;
const EXCEL_RATIO: f64 = 15.0;
const WORD_5000_SECONDS: f64 = 0.25;

#[path = "plans.rs"]
mod plans;
#[path = "summary.rs"]
mod summary;
use plans::big_plan;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Docx,
    Xlsx,
}

fn time_rust(plan: &Plan, runs: usize, kind: Kind) -> (Duration, usize) {
    let opts = Options {
        doc: DocChoice::KeHoach,
        draft: false,
        ..Options::default()
    };
    let mut best = Duration::MAX;
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = match kind {
            Kind::Docx => build(plan, &opts).expect("export"),
            Kind::Xlsx => dxplan::xlsx::build(plan).expect("export"),
        };
        best = best.min(t.elapsed());
        size = bytes.len();
    }
    (best, size)
}

/// Runs the Python script on the plan file; it prints "seconds bytes".
fn time_python(plan_file: &Path, out: &Path, kind: Kind) -> Option<(Duration, usize)> {
    let name = if kind == Kind::Docx {
        "scripts/bench_python_docx.py"
    } else {
        "scripts/bench_openpyxl.py"
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let o = Command::new("python3")
        .arg(script)
        .arg(plan_file)
        .arg(out)
        .output()
        .ok()?;
    if !o.status.success() {
        eprintln!("{name}: {}", String::from_utf8_lossy(&o.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&o.stdout);
    let mut it = text.split_whitespace();
    let secs: f64 = it.next()?.parse().ok()?;
    let bytes: usize = it.next()?.parse().ok()?;
    Some((Duration::from_secs_f64(secs), bytes))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let plans = [
        ("sample (76 tasks)", dxplan::sample::plan(), 5),
        ("generated (5000 tasks)", big_plan(5000), 3),
    ];
    let mut verdicts = Vec::new();
    for (kind, label, other) in [
        (Kind::Docx, "Word export (.docx)", "python-docx"),
        (Kind::Xlsx, "Appendix workbook (.xlsx)", "openpyxl"),
    ] {
        println!("{label}: dxplan vs {other}, same data, same machine");
        println!(
            "{:<24} {:>12} {:>12} {:>14} {:>14} {:>8}",
            "plan", "dxplan", other, "dxplan size", "python size", "ratio"
        );
        for (name, plan, runs) in &plans {
            let file = dir.path().join("plan.json");
            dxplan::planfile::write(plan, &file).unwrap();
            let (rust, rust_size) = time_rust(plan, *runs, kind);
            let py = time_python(&file, &dir.path().join("py.out"), kind);
            let (py_time, py_size, ratio) = match py {
                Some((t, s)) => (
                    format!("{:.3} s", t.as_secs_f64()),
                    format!("{} KB", s / 1024),
                    t.as_secs_f64() / rust.as_secs_f64(),
                ),
                None => ("n/a".into(), "n/a".into(), f64::NAN),
            };
            println!(
                "{:<24} {:>10.3} s {:>12} {:>11} KB {:>14} {:>7.1}×",
                name,
                rust.as_secs_f64(),
                py_time,
                rust_size / 1024,
                py_size,
                ratio
            );
            let tasks = plan.tasks().count();
            let what = if kind == Kind::Docx {
                "Word export"
            } else {
                "Excel workbook"
            };
            if tasks >= 5000 && kind == Kind::Docx {
                summary::row(
                    &format!("{what}, 5,000 tasks"),
                    &format!("{:.3} s", rust.as_secs_f64()),
                    &format!("< {WORD_5000_SECONDS} s"),
                    rust.as_secs_f64() < WORD_5000_SECONDS,
                );
                let keep = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-5000.docx");
                std::fs::write(&keep, build(plan, &Options::default()).unwrap()).unwrap();
                verdicts.push(format!("{label}, 5,000-task document: {} KB ({} bytes per task row; kept as target/bench-5000.docx)", rust_size / 1024, rust_size / 5000));
            }
            let target = if kind == Kind::Docx {
                WORD_RATIO
            } else {
                EXCEL_RATIO
            };
            summary::row(
                &format!("{what}, {name} vs {other}"),
                &format!("{:.3} s vs {py_time} = {ratio:.1}×", rust.as_secs_f64()),
                &format!("≥ {target}×"),
                ratio >= target,
            );
        }
        println!();
    }
    for v in verdicts {
        println!("{v}");
    }
}
