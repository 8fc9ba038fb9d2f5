//! The core's one error type. Each variant carries a Vietnamese message for the planner
//! (`Display`) and keeps the technical cause for the log (`detail`).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Không đọc được tệp kế hoạch {path}: {reason}")]
    PlanFile { path: PathBuf, reason: String },

    /// A Word or Excel file being imported; `kind` names it the way the planner does.
    #[error("Không đọc được {kind} {path}: {reason}")]
    OfficeFile {
        kind: &'static str,
        path: PathBuf,
        reason: String,
    },

    /// An import that would give a misleading draft; the planner may ask for it anyway.
    #[error("Chưa tạo bản nháp từ {path}: {reason}. Nếu vẫn muốn có bản nháp một phần để soạn tiếp, hãy chọn «Tạo bản nháp một phần» (dòng lệnh: thêm --partial).")]
    ImportIncomplete { path: PathBuf, reason: String },

    #[error("Tệp kế hoạch dùng phiên bản định dạng {found}, ứng dụng này đọc được phiên bản {supported}. Hãy cập nhật ứng dụng hoặc xuất lại tệp.")]
    PlanFileVersion { found: u32, supported: u32 },

    #[error("Danh mục {file}, dòng {line}: {message}")]
    Catalogue {
        file: PathBuf,
        line: usize,
        message: String,
    },

    #[error("Không tìm thấy kế hoạch có mã {0}.")]
    PlanNotFound(String),

    #[error("Không tìm thấy {what} có mã {id} trong kế hoạch.")]
    ItemNotFound { what: &'static str, id: String },

    #[error("Dữ liệu không hợp lệ: {0}")]
    Invalid(String),

    #[error("Kế hoạch vừa được sửa ở nơi khác (phiên bản {actual}, bạn đang sửa phiên bản {expected}). Hãy mở lại kế hoạch rồi sửa tiếp.")]
    Conflict { expected: i64, actual: i64 },

    /// The window sent an edit the core cannot read: a defect of the app, not of the plan.
    #[error("Không lưu được thay đổi: ứng dụng gửi dữ liệu không đúng dạng. Nội dung bạn vừa nhập vẫn còn trên màn hình; chi tiết đã ghi vào nhật ký.")]
    BadEdit { detail: String },

    #[error("Không ghi được tệp {path}: {reason}")]
    Write { path: PathBuf, reason: String },

    /// The PostgreSQL server of shared mode could not be used; the driver's text is logged.
    #[error("Không kết nối được máy chủ cơ sở dữ liệu {server}: {reason}.")]
    Server { server: String, reason: String },

    #[error("Lỗi cơ sở dữ liệu, thay đổi chưa được lưu. Chi tiết đã ghi vào nhật ký.")]
    Database(#[from] sqlx::Error),

    #[error("Không cập nhật được cấu trúc cơ sở dữ liệu. Chi tiết đã ghi vào nhật ký.")]
    Migration(#[from] sqlx::migrate::MigrateError),

    #[error("Lỗi đọc/ghi tệp: {}.", crate::fsutil::io_reason(.0))]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Technical detail for the log (the Vietnamese message is for the user).
    pub fn detail(&self) -> String {
        match self {
            Error::Database(e) => format!("sqlx: {e:?}"),
            Error::Migration(e) => format!("migrate: {e:?}"),
            Error::Io(e) => format!("io: {e:?}"),
            other => format!("{other:?}"),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
