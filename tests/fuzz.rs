//! Fuzzing (proptest) of every reader of outside files: the plan file, a Word plan, an Excel
//! appendix, a department's proposal workbook. Each target starts from seeds made here (the
//! sample's own documents and a hand-made Word file), mutates their text — bytes flipped,
//! inserted, deleted, values swapped for numbers, dates, control characters, deep nesting —
//! and requires that the reader answers with a plan or a Vietnamese error, never a panic;
//! what it accepts is then validated, totalled and exported, where 10^28 amounts used to
//! crash. A stack overflow aborts the process, which the script reports too.
//!
//! Not part of `cargo test` (ignored): `bash scripts/fuzz MINUTES` runs each target for that
//! long. `FUZZ_SECONDS` sets the time per target when run directly.

use std::io::{Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const SNIPPETS: &[&str] = &[
    "",
    "0",
    "-1",
    "1e308",
    "50000000000000000000000000000",
    "NaN",
    "null",
    "[]",
    "{}",
    "\"",
    "\u{1}",
    "\u{b}",
    "\u{0}",
    "\r\n",
    "\t",
    "\u{FEFF}",
    "<",
    ">",
    "&",
    "&amp;",
    "Quý V/2027",
    "31/02/2027",
    "=1/0",
    "Sở TT&TT",
    "Ủy ban nhân dân các xã, phường",
    "2027-13-45",
    "<w:p>",
    "</w:p>",
    "<w:tbl>",
    "<w:tr><w:tc><w:p><w:r><w:t>",
    "]]>",
    "<!--",
];

/// One change to a text: (where, as a fraction of its length; what; a byte or a snippet).
type Mutation = (f64, u8, u8, usize);

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(
        (0.0..1.0f64, any::<u8>(), any::<u8>(), 0..SNIPPETS.len()),
        1..12,
    )
}

fn mutate(seed: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for &(at, op, byte, snippet) in ms {
        let i = ((v.len() as f64) * at) as usize;
        let i = i.min(v.len());
        match op % 6 {
            0 if i < v.len() => v[i] = byte,
            1 => v.insert(i, byte),
            2 if i < v.len() => {
                v.remove(i);
            }
            3 => v.splice(i..i, SNIPPETS[snippet].bytes()).for_each(drop),
            // A run of nesting: deep structures crashed the XML readers once.
            4 => v
                .splice(
                    i..i,
                    "<w:sdt><w:sdtContent>".repeat(byte as usize * 40).bytes(),
                )
                .for_each(drop),
            5 => v.truncate(i.max(1)),
            _ => {}
        }
    }
    v
}

/// The part `name` of a zip package replaced by `text`.
fn repack(package: &[u8], name: &str, text: &[u8]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(package)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let part = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.start_file(&part, o).unwrap();
        out.write_all(if part == name { text } else { &data })
            .unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn part(package: &[u8], name: &str) -> Vec<u8> {
    try_part(package, name).unwrap()
}

fn try_part(package: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(package)).unwrap();
    let mut data = Vec::new();
    zin.by_name(name).ok()?.read_to_end(&mut data).unwrap();
    Some(data)
}

/// What is done with a plan a reader accepted: everything downstream must hold too.
fn use_plan(plan: &dxplan::model::Plan) {
    let _ = dxplan::validation::validate(plan);
    let _ = dxplan::stats::stats(plan);
    let _ = dxplan::budget::totals(plan);
    let draft = dxplan::docx::Options {
        draft: true,
        ..Default::default()
    };
    let _ = dxplan::docx::build(plan, &draft);
    let _ = dxplan::xlsx::build(plan);
}

fn seconds() -> u64 {
    std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600)
}

/// Runs `check` on mutations of the seeds for `FUZZ_SECONDS`; a panic fails with the input
/// kept in target/fuzz/ to reproduce.
/// `check` is told which seed the input was made from.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, check: impl Fn(usize, &[u8], &Path)) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/fuzz")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let deadline = Instant::now() + Duration::from_secs(seconds());
    let total = std::cell::Cell::new(0u64);
    let strategy = (0..seeds.len(), mutations());
    while Instant::now() < deadline {
        // A runner counts its cases for good: a fresh one (fresh random seed) per batch.
        let mut runner = TestRunner::new(Config {
            cases: 200,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy, |(s, ms)| {
            total.set(total.get() + 1);
            let input = mutate(&seeds[s], &ms);
            let scratch = dir.join("input");
            std::fs::write(&scratch, &input).unwrap();
            let ok = std::panic::catch_unwind(AssertUnwindSafe(|| check(s, &input, &scratch)));
            if ok.is_err() {
                std::fs::copy(&scratch, dir.join("crash")).unwrap();
            }
            prop_assert!(
                ok.is_ok(),
                "panic; input kept in target/fuzz/{}/crash",
                name
            );
            Ok(())
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
    }
    println!(
        "fuzz {name}: {} inputs in {} s, 0 crashes",
        total.get(),
        seconds()
    );
}

fn sample_docx() -> Vec<u8> {
    let draft = dxplan::docx::Options {
        draft: true,
        ..Default::default()
    };
    dxplan::docx::build(&dxplan::sample::plan(), &draft).unwrap()
}

#[test]
#[ignore]
fn fuzz_plan_file() {
    let sample = std::fs::read(dxplan::sample::SAMPLE_PATH).unwrap();
    let contract = std::fs::read("tests/fixtures/contract-plan.json").unwrap();
    fuzz("plan-file", vec![sample, contract], |_, _, path| {
        if let Ok(plan) = dxplan::planfile::read(path) {
            use_plan(&plan);
        }
    });
}

#[test]
#[ignore]
fn fuzz_word_import() {
    // Our own export, the hand-written variants of tests/import_variants.rs, and the files laid
    // out by offices (python-docx on Word's template, and saved by LibreOffice): each file's
    // document.xml, and numbering.xml where it has one, mutated inside its own package.
    let mut packages = vec![sample_docx()];
    for folder in [
        "import-variants",
        "import-office",
        "import-libreoffice",
        "import-trial",
    ] {
        let dir = Path::new("tests/fixtures").join(folder);
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "docx"))
            .collect();
        files.sort();
        packages.extend(files.iter().map(|f| std::fs::read(f).unwrap()));
    }
    let mut seeds = Vec::new();
    let mut origin = Vec::new(); // (package, part) of each seed
    for (i, package) in packages.iter().enumerate() {
        for name in ["word/document.xml", "word/numbering.xml"] {
            if let Some(text) = try_part(package, name) {
                seeds.push(text);
                origin.push((i, name));
            }
        }
    }
    println!(
        "fuzz word: {} packages, {} seeds",
        packages.len(),
        seeds.len()
    );
    // Partial drafts too, so a refusal does not stop the input short of the mapping.
    let options = dxplan::import::Options { partial: true };
    fuzz("word", seeds, |s, input, path| {
        let (package, name) = origin[s];
        let file = path.with_extension("docx");
        std::fs::write(&file, repack(&packages[package], name, input)).unwrap();
        if let Ok(imported) = dxplan::import::import_docx(&file, &[], options) {
            use_plan(&imported.plan);
        }
    });
}

#[test]
#[ignore]
fn fuzz_excel_import() {
    let xlsx = dxplan::xlsx::build(&dxplan::sample::plan()).unwrap();
    let sheet = "xl/worksheets/sheet1.xml";
    let strings = "xl/sharedStrings.xml";
    let has_strings = zip::ZipArchive::new(std::io::Cursor::new(&xlsx))
        .unwrap()
        .by_name(strings)
        .is_ok();
    let mut seeds = vec![part(&xlsx, sheet)];
    if has_strings {
        seeds.push(part(&xlsx, strings));
    }
    fuzz("excel", seeds, |_, input, path| {
        let target =
            if input.starts_with(b"<?xml") && String::from_utf8_lossy(input).contains("<sst") {
                strings
            } else {
                sheet
            };
        let file = path.with_extension("xlsx");
        std::fs::write(&file, repack(&xlsx, target, input)).unwrap();
        if let Ok(imported) =
            dxplan::import::import_xlsx(&file, &[], Some("Quảng Ngãi"), Some(2023))
        {
            use_plan(&imported.plan);
        }
    });
}

#[test]
#[ignore]
fn fuzz_proposals() {
    let plan = dxplan::sample::plan();
    let template = dxplan::proposals::template(
        &plan,
        "so-tttt",
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    let sheet = "xl/worksheets/sheet2.xml";
    let seed = part(&template, sheet);
    fuzz("proposals", vec![seed], |_, input, path| {
        let file = path.with_extension("xlsx");
        std::fs::write(&file, repack(&template, sheet, input)).unwrap();
        let review = dxplan::proposals::review(
            &plan,
            &[file],
            &dxplan::proposals::seal::Seal::new("k".repeat(32)),
        );
        let mut p = plan.clone();
        let _ = review.apply_to(&mut p);
    });
}

#[test]
#[ignore]
fn fuzz_progress() {
    let plan = dxplan::sample::plan();
    let template = dxplan::proposals::progress::template(
        &plan,
        "so-tttt",
        &dxplan::proposals::seal::Seal::new("k".repeat(32)),
    )
    .unwrap();
    // The task sheet (after the hidden lists); the indicator sheet is read from the template.
    let sheet = "xl/worksheets/sheet2.xml";
    let seed = part(&template, sheet);
    fuzz("progress", vec![seed], |_, input, path| {
        let file = path.with_extension("xlsx");
        std::fs::write(&file, repack(&template, sheet, input)).unwrap();
        let review = dxplan::proposals::review(
            &plan,
            &[file],
            &dxplan::proposals::seal::Seal::new("k".repeat(32)),
        );
        let mut p = plan.clone();
        if review.apply_to(&mut p).is_ok() {
            use_plan(&p);
        }
    });
}

/// The harness itself, briefly, on every `cargo test`: mutations apply and the readers hold.
#[test]
fn fuzz_harness_smoke() {
    let seed = std::fs::read(dxplan::sample::SAMPLE_PATH).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 20,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&mutations(), |ms| {
            let input = mutate(&seed, &ms);
            let text = String::from_utf8_lossy(&input);
            if let Ok(plan) = dxplan::planfile::from_json(Path::new("x.json"), &text) {
                use_plan(&plan);
            }
            Ok(())
        })
        .unwrap();
}
