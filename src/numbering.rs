//! Numbers are computed from positions, never stored: groups 1…n, tasks "g.t", points in
//! Vietnamese letter order. A plan therefore cannot contain two rows numbered 6.1.

/// Vietnamese point letters: no f, j, w, z; "đ" after "d".
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Letter of the point at `index` (0-based): "a", "b", … "đ" …; past "y" it doubles ("aa").
pub fn point_letter(index: usize) -> String {
    let n = POINT_LETTERS.len();
    if index < n {
        POINT_LETTERS[index].to_string()
    } else {
        format!(
            "{}{}",
            point_letter(index / n - 1),
            POINT_LETTERS[index % n]
        )
    }
}

/// "1", "2", … for group `index` (0-based).
pub fn group_number(index: usize) -> String {
    (index + 1).to_string()
}

/// "3.11" for task `task` (0-based) of group `group` (0-based).
pub fn task_number(group: usize, task: usize) -> String {
    format!("{}.{}", group + 1, task + 1)
}

/// Every task of the plan with its number, in plan order: ("3.11", group, task).
pub fn numbered_tasks(
    plan: &crate::model::Plan,
) -> impl Iterator<Item = (String, &crate::model::TaskGroup, &crate::model::Task)> {
    plan.groups.iter().enumerate().flat_map(|(gi, g)| {
        g.tasks
            .iter()
            .enumerate()
            .map(move |(ti, t)| (task_number(gi, ti), g, t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_vietnamese_order() {
        let first: Vec<String> = (0..7).map(point_letter).collect();
        assert_eq!(first, ["a", "b", "c", "d", "đ", "e", "g"]);
        assert_eq!(point_letter(16), "r");
        assert!(!POINT_LETTERS.contains(&"f") && !POINT_LETTERS.contains(&"j"));
        assert_eq!(point_letter(23), "aa");
    }

    #[test]
    fn task_numbers() {
        assert_eq!(task_number(0, 0), "1.1");
        assert_eq!(task_number(2, 10), "3.11");
        assert_eq!(group_number(9), "10");
    }
}
