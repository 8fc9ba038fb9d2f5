//! `dxplan`: the core driven headless. Messages are Vietnamese; the exit code is non-zero on
//! any error (2 when `validate` finds errors in the plan).

use std::process::ExitCode;

// std's println!/eprintln! panic when the stream is closed (`dxplan list | head -1`,
// `dxplan validate … | true`). These shadow them for the whole program: a closed stdout ends
// it quietly (what was asked has been done, nobody reads the rest), a closed stderr is
// ignored.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            crate::stdout_closed(e)
        }
    }};
}
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn stdout_closed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = std::io::Write::write_fmt(
        &mut std::io::stderr(),
        format_args!(
            "Lỗi: không ghi được ra màn hình ({}).\n",
            dxplan::fsutil::io_reason(&e)
        ),
    );
    std::process::exit(1);
}

use clap::{CommandFactory, FromArgMatches};

mod cli;

use cli::{text as cli_text, Cli};
use dxplan::store::Store;

fn main() -> ExitCode {
    let parsed = cli_text::vietnamese(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match cli_text::error_text(&e) {
            None => {
                let text = e.render().to_string();
                print!("{text}");
                if !text.ends_with('\n') {
                    println!();
                }
                return ExitCode::SUCCESS;
            }
            Some(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
        },
    };
    let verbose = cli.verbose;
    // The detail of an error goes to the same log file as the app's, beside the database.
    let db = cli.db.clone().unwrap_or_else(Store::default_path);
    dxplan::applog::init(&dxplan::applog::path_beside(&db));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let done = runtime.block_on(cli::run(cli));
    // The command has ended: a lookup or driver thread still blocked (seen under Wine, where
    // a `connect` now and then never exited) must not keep the process alive after its answer.
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    match done {
        Ok(code) => code,
        Err(e) => {
            log::warn!("{}", e.detail());
            eprintln!("Lỗi: {e}");
            if verbose {
                eprintln!("Chi tiết: {}", e.detail());
            }
            ExitCode::FAILURE
        }
    }
}
