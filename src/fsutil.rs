//! Writing files so that a failure never leaves a half-written one: write a temporary file
//! in the same folder, flush it to disk, then rename it over the target.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |reason: String| Error::Write { path: path.to_path_buf(), reason };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir().map_err(|e| fail(e.to_string()))?,
    };
    if !dir.is_dir() {
        return Err(fail("thư mục không tồn tại".into()));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".dxplan-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| fail(format!("không tạo được tệp tạm trong thư mục ({})", crate::planfile::io_reason(&e))))?;
    tmp.write_all(bytes).map_err(|e| fail(crate::planfile::io_reason(&e)))?;
    // Temporary files are private (0600); a saved document is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(|e| fail(e.to_string()))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail(crate::planfile::io_reason(&e)))?;
    // On failure the temporary file is deleted when `tmp` drops.
    tmp.persist(path).map_err(|e| {
        fail(match e.error.kind() {
            std::io::ErrorKind::PermissionDenied => "tệp đích đang được mở trong chương trình khác (Word, Excel…) hoặc chỉ cho phép đọc; hãy đóng tệp rồi thử lại".into(),
            _ => crate::planfile::io_reason(&e.error),
        })
    })?;
    Ok(())
}
