//! The sample plan shipped with the app: Quảng Ngãi's 2023 plan (seed 004, Kế hoạch
//! 189/KH-UBND) entered as a plan file under `templates/samples/`.

use std::path::Path;

use crate::model::Plan;

pub const SAMPLE_PATH: &str = "templates/samples/quang-ngai-2023.json";
const SAMPLE: &str = include_str!("../templates/samples/quang-ngai-2023.json");

pub fn plan() -> Plan {
    crate::planfile::from_json(Path::new(SAMPLE_PATH), SAMPLE)
        .expect("the shipped sample plan file is valid")
}
