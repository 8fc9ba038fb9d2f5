// The catalogues and document templates are embedded with include_dir!, which cargo does not
// track: a file added to or changed in templates/ must rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=templates");
}
