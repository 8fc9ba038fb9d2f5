//! The core's layers, checked: each top-level module of `src/` belongs to one layer, and
//! imports (`crate::…`) only from its own layer or below; no two modules import each other,
//! directly or round a loop; inside a folder, no two sibling files do. The list below is the
//! architecture (docs/ARCHITECTURE.md draws it); a new module must be placed in it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lowest first. A module may use modules of its own layer and of the layers before it.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation: the plan's data, text and numbers, catalogues as data",
        &[
            "error",
            "fsutil",
            "text",
            "agency_name",
            "model",
            "numbering",
            "format",
            "narrative",
            "budget",
            "plantext",
            "organisation",
            "stats",
            "planfile",
            "sample",
            "outline",
            "catalogue",
            "applog",
        ],
    ),
    (
        "rules: what a plan must satisfy, its edits, its tracking",
        &["validation", "tracking", "edit"],
    ),
    (
        "documents: writers and readers of Word and Excel, roll-over",
        &["docx", "xlsx", "import", "proposals", "rollover", "preview"],
    ),
    (
        "the final check, which reads the documents back",
        &["readiness"],
    ),
    ("storage: SQLite and the shared server", &["store"]),
    ("the session: what the window and the CLI ask for", &["app"]),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/` of the library (not the CLI's `main.rs` and its `cli/` folder),
/// as its path relative to `src/`, without the test modules' text.
fn sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(src()).unwrap().to_path_buf();
                // The CLI (`main.rs` and its `cli/` folder) is a program on top of the
                // library, which reaches it only as `dxplan::…`.
                if ["main.rs", "lib.rs"].contains(&rel.to_str().unwrap()) || rel.starts_with("cli")
                {
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                let code = match text.find("#[cfg(test)]") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                };
                out.push((rel, code));
            }
        }
    }
    out.sort();
    out
}

fn top(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Names after `prefix` ("crate::" or "super::") in `code`: the first path segment.
fn uses(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        // Not the tail of a longer path ("foo::crate::" never occurs; "self::super::" may).
        rest = &rest[i + prefix.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        if prefix == "crate::" && rest.starts_with('{') {
            // `use crate::{a, b::c}`: each item's first segment.
            let end = rest.find('}').unwrap_or(rest.len());
            for part in rest[1..end].split(',') {
                let seg: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !seg.is_empty() {
                    out.insert(seg);
                }
            }
        }
    }
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// A cycle in `graph`, if there is one, as the path round it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = path.iter().position(|x| x == m).unwrap();
                    let mut c = path[from..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn every_module_is_in_a_layer_and_imports_only_downward() {
    let files = sources();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (rel, code) in &files {
        let me = top(rel);
        let Some(mine) = layer_of(&me) else {
            wrong.push(format!(
                "{}: module «{me}» is in no layer of LAYERS",
                rel.display()
            ));
            continue;
        };
        for used in uses(code, "crate::") {
            if used == me || used == "Error" || used == "Result" {
                continue;
            }
            graph.entry(me.clone()).or_default().insert(used.clone());
            match layer_of(&used) {
                Some(theirs) if theirs > mine => wrong.push(format!(
                    "{}: «{me}» ({}) imports «{used}» from a higher layer ({})",
                    rel.display(),
                    LAYERS[mine].0,
                    LAYERS[theirs].0
                )),
                None => wrong.push(format!("{}: «{used}» is in no layer", rel.display())),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        cycle(&graph),
        None,
        "modules importing each other round a loop"
    );
}

#[test]
fn no_two_files_of_a_folder_import_each_other() {
    // Siblings only: a folder's mod.rs declares its files, and they may use its items.
    let files = sources();
    let mut by_folder: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (rel, code) in &files {
        let (Some(dir), Some(stem)) = (rel.parent(), rel.file_stem()) else {
            continue;
        };
        let stem = stem.to_string_lossy().to_string();
        if dir.as_os_str().is_empty() || stem == "mod" {
            continue;
        }
        let siblings: BTreeSet<String> = files
            .iter()
            .filter(|(r, _)| r.parent() == Some(dir) && r.file_stem().is_some_and(|s| s != "mod"))
            .map(|(r, _)| r.file_stem().unwrap().to_string_lossy().to_string())
            .collect();
        let folder = dir.to_string_lossy().replace('/', "::");
        let mut used: BTreeSet<String> = uses(code, "super::");
        for path in uses_paths(code, &format!("crate::{folder}::")) {
            used.insert(path);
        }
        let edges = used
            .into_iter()
            .filter(|u| siblings.contains(u) && *u != stem)
            .collect();
        by_folder
            .entry(dir.to_path_buf())
            .or_default()
            .insert(stem, edges);
    }
    for (dir, graph) in by_folder {
        assert_eq!(
            cycle(&graph),
            None,
            "files of src/{} import each other",
            dir.display()
        );
    }
}

/// The segment after `prefix` wherever it occurs (`crate::docx::report::x` → "report").
fn uses_paths(code: &str, prefix: &str) -> BTreeSet<String> {
    code.match_indices(prefix)
        .map(|(i, _)| {
            code[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}
