// The catalogues and document templates are embedded with include_dir!, which cargo does not
// track: a file added to or changed in templates/ must rebuild the crate. The same for the
// migrations sqlx::migrate! embeds (a new file is not seen otherwise).
fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=src/migrations");
}
