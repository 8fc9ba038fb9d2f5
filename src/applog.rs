//! The log file the messages point to ("chi tiết đã ghi vào nhật ký"): `dxplan.log` beside the
//! database, one line per record, rotated to `dxplan.log.1` past a size so it never grows
//! without bound. The planner sees Vietnamese sentences; the detail a support person needs
//! (serde, SQLite, IO causes) lands here.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Past this size the file is renamed to `.1` (the previous `.1` is dropped).
pub const MAX_BYTES: u64 = 1024 * 1024;

pub struct FileLog {
    path: PathBuf,
    file: Mutex<Option<File>>,
}

impl FileLog {
    pub fn new(path: &Path) -> FileLog {
        FileLog {
            path: path.to_path_buf(),
            file: Mutex::new(None),
        }
    }

    /// Appends one line; a log that cannot be written never stops the app.
    pub fn write_line(&self, line: &str) {
        let Ok(mut slot) = self.file.lock() else {
            return;
        };
        let size = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        if size + line.len() as u64 > MAX_BYTES {
            *slot = None;
            let _ = std::fs::rename(&self.path, self.path.with_extension("log.1"));
        }
        if slot.is_none() {
            if let Some(dir) = self.path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            *slot = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .ok();
        }
        if let Some(f) = slot.as_mut() {
            let _ = writeln!(f, "{line}");
            let _ = f.flush();
        }
    }
}

impl log::Log for FileLog {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Info
    }

    fn log(&self, r: &log::Record) {
        if self.enabled(r.metadata()) {
            let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
            self.write_line(&format!("{now} {} {}: {}", r.level(), r.target(), r.args()));
        }
    }

    fn flush(&self) {}
}

/// The log file beside a database file.
pub fn path_beside(db: &Path) -> PathBuf {
    crate::fsutil::local_dir(db).join("dxplan.log")
}

/// Sends the `log` records of the whole process to `path`. Called once at start-up; a
/// second call (tests) keeps the first logger.
pub fn init(path: &Path) {
    let logger: &'static FileLog = Box::leak(Box::new(FileLog::new(path)));
    if log::set_logger(logger).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
}
