//! The one table `scripts/bench` prints at its end: each benchmark adds its rows (what, the
//! figure now, the target, met or not) to target/bench/summary.tsv as it measures them.

use std::io::Write;

pub fn row(what: &str, now: &str, target: &str, met: bool) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("summary.tsv"))
        .unwrap();
    let verdict = if met { "met" } else { "NOT met" };
    writeln!(f, "{what}\t{now}\t{target}\t{verdict}").unwrap();
}
