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

    /// A plan stored in the database that cannot be read back (written by another program);
    /// the reader's own text goes to the log only.
    #[error("Kế hoạch {id} trong cơ sở dữ liệu bị hỏng, không đọc được. Hãy báo người quản trị; chi tiết đã ghi vào nhật ký.")]
    Damaged { id: String, detail: String },

    /// A final export the final check refuses; the text lists what stands in the way.
    #[error("{0}")]
    NotIssuable(String),

    /// An edit made from a revision that is no longer the newest. `by` says who made the
    /// newer one ("Nguyễn Thị Lan sửa"), `at` when, `what` the history's name for it.
    #[error("Nội dung này vừa được {by} lúc {at} («{what}»), nên thay đổi của bạn chưa được lưu. Kế hoạch đã được tải lại theo bản mới nhất; nội dung bạn vừa nhập vẫn còn trong ô: hãy xem lại rồi lưu lại.")]
    Conflict {
        expected: i64,
        actual: i64,
        by: String,
        at: String,
        what: String,
    },

    /// The shared server refused a change this account may not make (a department's account
    /// changing what its agency does not lead). The sentence is the server's own when it
    /// comes from the plans' guard (migration postgres/0003), which is written in Vietnamese.
    #[error("{0}")]
    Forbidden(String),

    /// The window sent an edit the core cannot read: a defect of the app, not of the plan.
    #[error("Không lưu được thay đổi: ứng dụng gửi dữ liệu không đúng dạng. Nội dung bạn vừa nhập vẫn còn trên màn hình; chi tiết đã ghi vào nhật ký.")]
    BadEdit { detail: String },

    #[error("Không ghi được tệp {path}: {reason}")]
    Write { path: PathBuf, reason: String },

    /// The PostgreSQL server of shared mode could not be used; the driver's text is logged.
    #[error("Không kết nối được máy chủ cơ sở dữ liệu {server}: {reason}.")]
    Server { server: String, reason: String },

    /// The database stopped answering during work: the shared server is down or out of
    /// reach, or (rarely) the file stayed locked. Said apart from other database errors,
    /// because the planner's next step is to wait and try again, not to report a defect.
    #[error("Cơ sở dữ liệu không trả lời (mất kết nối tới máy chủ, hoặc tệp đang bị khóa lâu); thay đổi chưa được lưu. Nội dung bạn vừa nhập vẫn còn trên màn hình: hãy thử lại khi có kết nối.")]
    Unreachable(sqlx::Error),

    #[error("Lỗi cơ sở dữ liệu, thay đổi chưa được lưu. Chi tiết đã ghi vào nhật ký.")]
    Database(sqlx::Error),

    #[error("Không cập nhật được cấu trúc cơ sở dữ liệu. Chi tiết đã ghi vào nhật ký.")]
    Migration(#[from] sqlx::migrate::MigrateError),

    #[error("Lỗi đọc/ghi tệp: {}.", crate::fsutil::io_reason(.0))]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Technical detail for the log (the Vietnamese message is for the user).
    pub fn detail(&self) -> String {
        match self {
            Error::Database(e) | Error::Unreachable(e) => format!("sqlx: {e:?}"),
            Error::Migration(e) => format!("migrate: {e:?}"),
            Error::Io(e) => format!("io: {e:?}"),
            Error::Damaged { id, detail } => format!("plan {id}: {detail}"),
            other => format!("{other:?}"),
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Error {
        match e {
            sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => {
                Error::Unreachable(e)
            }
            // A lock held too long elsewhere (55P03), or a statement past its time (57014):
            // the plan is busy, not broken; the same edit succeeds once it is free.
            sqlx::Error::Database(ref d)
                if matches!(d.code().as_deref(), Some("55P03") | Some("57014")) =>
            {
                Error::Unreachable(e)
            }
            sqlx::Error::Database(ref d) if d.code().as_deref() == Some("42501") => {
                let said = d.message();
                Error::Forbidden(if said.starts_with("Tài khoản") {
                    said.to_string()
                } else {
                    "Tài khoản của bạn không có quyền làm thay đổi này trên máy chủ dùng chung; thay đổi chưa được lưu.".into()
                })
            }
            other => Error::Database(other),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn a_database_that_stops_answering_is_said_apart() {
        let lost = Error::from(sqlx::Error::PoolTimedOut).to_string();
        assert!(
            lost.contains("không trả lời") && lost.contains("vẫn còn trên màn hình"),
            "{lost}"
        );
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        assert!(matches!(
            Error::from(sqlx::Error::Io(io)),
            Error::Unreachable(_)
        ));
        let other = Error::from(sqlx::Error::RowNotFound);
        assert!(matches!(other, Error::Database(_)));
        assert!(other.to_string().starts_with("Lỗi cơ sở dữ liệu"));
    }
}
