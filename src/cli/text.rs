//! clap in Vietnamese: the one place the command line's own words are set. clap writes its
//! help headings ("Usage:", "Options:") and its errors ("unexpected argument") in English;
//! here the help uses Vietnamese headings and every parse error becomes a Vietnamese
//! sentence naming what was wrong (clap's text goes to the log only).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The command tree with Vietnamese headings, usage, value names, help and version flags,
/// at every level.
pub fn vietnamese(cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    at(cmd, &name)
}

/// Placeholders clap would print as the field's English name.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("DB", "CSDL"),
    ("CATALOGUES", "THƯ-MỤC"),
    ("PLAN", "KẾ-HOẠCH"),
    ("ID", "MÃ"),
    ("OUT", "TỆP"),
    ("FILE", "TỆP"),
    ("FILES", "TỆP"),
    ("DIR", "THƯ-MỤC"),
    ("TO", "CƠ-QUAN"),
    ("AGENCY", "CƠ-QUAN"),
    ("LEAD", "CƠ-QUAN"),
    ("COORDINATING", "CƠ-QUAN"),
    ("YEAR", "NĂM"),
    ("TO_YEAR", "NĂM"),
    ("XLSX", "TỆP.xlsx"),
    ("DOCX", "TỆP.docx"),
    ("USER", "TÀI-KHOẢN"),
    ("LOGIN", "TÀI-KHOẢN"),
    ("TITLE", "TÊN"),
    ("NAME", "TÊN"),
    ("PROVINCE", "TỈNH"),
    ("HOST", "MÁY-CHỦ"),
    ("PORT", "CỔNG"),
    ("DATABASE", "CSDL"),
    ("GROUP", "NHÓM"),
    ("TEMPLATE", "MẪU"),
    ("DOC", "VĂN-BẢN"),
    ("AS_OF", "NGÀY"),
    ("SHOW", "MỤC"),
    ("REJECT", "MỤC"),
    ("KEEP", "MỤC"),
    ("DROP", "MỤC"),
    ("REPLY_BY", "NGÀY"),
    ("DATE", "NGÀY"),
    ("LETTER", "SỐ/KÝ-HIỆU"),
    ("LETTER_NUMBER", "SỐ"),
    ("COMMENT", "MÃ-Ý-KIẾN"),
    ("COMMENTS", "Ý-KIẾN"),
    ("ACCEPT_NOTE", "GHI-CHÚ"),
    ("EXPLAIN", "GIẢI-TRÌNH"),
    ("REJECT_REASON", "LÝ-DO"),
    ("SILENCE_AGREES", "true|false"),
];

/// Help for the few arguments whose meaning their name says.
const HELP: &[(&str, &str)] = &[
    ("json", "In kết quả dạng JSON"),
    ("plan", "Tệp kế hoạch (.json) hoặc mã kế hoạch"),
    ("id", "Mã kế hoạch"),
    ("out", "Tệp sẽ ghi ra"),
    ("file", "Tệp cần đọc"),
    ("files", "Các tệp cần đọc"),
    ("dir", "Thư mục"),
    ("province", "Tỉnh, thành phố"),
    ("year", "Năm kế hoạch"),
    ("to_year", "Năm của kế hoạch mới"),
    ("title", "Tên"),
    ("group", "Nhóm nhiệm vụ (đếm từ 1)"),
];

fn at(cmd: Command, path: &str) -> Command {
    let usage = usage(&cmd, path);
    let cmd = cmd
        .help_template(TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("tro-giup")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In hướng dẫn này"),
        )
        .mut_args(vietnamese_arg);
    let cmd = if cmd.get_version().is_some() {
        cmd.disable_version_flag(true).arg(
            Arg::new("phien-ban")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản")
                .help_heading("Tùy chọn"),
        )
    } else {
        cmd
    };
    let path = path.to_string();
    cmd.mut_subcommands(move |sub| {
        let here = format!("{path} {}", sub.get_name());
        at(sub, &here)
    })
}

/// "dxplan validate [TÙY-CHỌN] <KẾ-HOẠCH>": clap's usage line with Vietnamese placeholders.
fn usage(cmd: &Command, path: &str) -> String {
    if cmd.has_subcommands() {
        return format!("{path} [TÙY-CHỌN] <LỆNH>");
    }
    let positional: Vec<String> = cmd
        .get_positionals()
        .map(|a| {
            let name = a.get_id().as_str().to_uppercase();
            let shown = VALUE_NAMES
                .iter()
                .find(|(k, _)| *k == name)
                .map_or(name.as_str(), |(_, v)| v);
            if a.is_required_set() {
                format!("<{shown}>")
            } else {
                format!("[{shown}]")
            }
        })
        .collect();
    format!("{path} [TÙY-CHỌN] {}", positional.join(" "))
        .trim_end()
        .to_string()
}

/// One argument: its placeholder and (when it has none) its help in Vietnamese, under the
/// heading «Tham số» or «Tùy chọn».
fn vietnamese_arg(a: Arg) -> Arg {
    let id = a.get_id().as_str().to_string();
    let placeholder = |n: &str| VALUE_NAMES.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    let a = match a.get_value_names().map(<[clap::builder::Str]>::to_vec) {
        Some(names) => {
            let new: Vec<clap::builder::Str> = names
                .into_iter()
                .map(|n| placeholder(n.as_str()).map_or(n, Into::into))
                .collect();
            a.value_names(new)
        }
        None if a.get_action().takes_values() => match placeholder(&id.to_uppercase()) {
            Some(v) => a.value_name(v),
            None => a,
        },
        None => a,
    };
    let a = match HELP.iter().find(|(k, _)| *k == id) {
        Some((_, h)) if a.get_help().is_none_or(|x| x.to_string().trim().is_empty()) => a.help(*h),
        _ => a,
    };
    if a.get_help_heading().is_some() {
        a
    } else if a.is_positional() {
        a.help_heading("Tham số")
    } else {
        a.help_heading("Tùy chọn")
    }
}

/// A parse error as one Vietnamese sentence; `None` for help and version (printed as they
/// are, with the Vietnamese template).
pub fn error_text(e: &clap::Error) -> Option<String> {
    let value = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let (arg, given) = (
        value(ContextKind::InvalidArg),
        value(ContextKind::InvalidValue),
    );
    let text = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "thiếu tên lệnh".to_string(),
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh «{}»", value(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}"),
        ErrorKind::MissingSubcommand => "thiếu tên lệnh".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("giá trị «{given}» không hợp lệ cho {arg}")
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho {arg} không đúng")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} không dùng cùng {}", value(ContextKind::PriorArg))
        }
        ErrorKind::InvalidUtf8 => "tham số có ký tự không đọc được".to_string(),
        _ => "lệnh không đúng".to_string(),
    };
    Some(format!(
        "Lỗi: {text}. Xem «dxplan --help» (hoặc «dxplan <lệnh> --help»)."
    ))
}
