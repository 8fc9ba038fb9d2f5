//! Every piece of prose a plan prints, each with its address: what the final check reads,
//! what the roll-over rewrites across the reform, and what find-and-replace walks. One list,
//! so a field added to the model and forgotten here is forgotten by all three at once — and
//! `tests/plantext.rs` fails when a string field of the model is missing from it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Id, Plan, Section};

/// Where a text lives in the plan. Items are named by their id, never by position, so an
/// address stays right while the planner reorders.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Place {
    Title,
    Opening,
    GoalsReview,
    AssessmentTitle(Id),
    AssessmentText(Id),
    BudgetSpent,
    ReviewIndicatorName(Id),
    ReviewIndicatorNote(Id),
    ReviewTaskTitle(Id),
    ReviewTaskResult(Id),
    Vision,
    GeneralGoal,
    GoalTitle(Id),
    GoalText(Id),
    IndicatorName(Id),
    GroupTitle(Id),
    GroupIntro(Id),
    TaskTitle(Id),
    TaskDescription(Id),
    TaskOutput(Id),
    SolutionTitle(Id),
    SolutionText(Id),
    BudgetNarrative,
    DutyHeading(Id),
    DutyText(Id),
    Closing,
}

impl Place {
    /// A short stable name: "task_title:t12", "vision" — for review choices and marks.
    pub fn key(&self) -> String {
        let v = serde_json::to_value(self).unwrap_or_default();
        let kind = v["kind"].as_str().unwrap_or_default();
        match v["id"].as_str() {
            Some(id) => format!("{kind}:{id}"),
            None => kind.to_string(),
        }
    }
}

/// One text of the plan as it stands.
#[derive(Debug, Clone)]
pub struct Text<'p> {
    pub place: Place,
    pub section: Section,
    /// How a person names it: "Nhiệm vụ «…» — tên", "Tầm nhìn".
    pub label: String,
    pub text: &'p str,
    /// The group, task or indicator it belongs to, for the jump.
    pub group: Option<&'p str>,
    pub task: Option<&'p str>,
    pub indicator: Option<&'p str>,
}

fn short(s: &str) -> String {
    let cut: String = s.chars().take(60).collect();
    if cut.chars().count() < s.chars().count() {
        format!("{cut}…")
    } else {
        cut
    }
}

struct Walk<'p>(Vec<Text<'p>>);

impl<'p> Walk<'p> {
    fn add(
        &mut self,
        place: Place,
        section: Section,
        label: String,
        text: &'p str,
    ) -> &mut Text<'p> {
        self.0.push(Text {
            place,
            section,
            label,
            text,
            group: None,
            task: None,
            indicator: None,
        });
        self.0.last_mut().expect("just pushed")
    }
}

/// Every text of the plan, in the order the plan prints them.
pub fn texts(plan: &Plan) -> Vec<Text<'_>> {
    use Place as X;
    use Section as P;
    let mut w = Walk(Vec::new());
    let id = &plan.identity;
    w.add(X::Title, P::Identity, "Trích yếu".into(), &id.title);
    w.add(X::Opening, P::Identity, "Phần mở đầu".into(), &id.opening);
    w.assessment(&plan.assessment);
    w.goals(plan);
    w.tasks(plan);
    w.rest(plan);
    w.0
}

impl<'p> Walk<'p> {
    /// Phần I: last year's goals and indicators, the areas, last year's tasks, the budget spent.
    fn assessment(&mut self, a: &'p crate::model::Assessment) {
        use Place as X;
        use Section as P;
        let w = self;
        w.add(
            X::GoalsReview,
            P::Assessment,
            "Đánh giá thực hiện mục tiêu".into(),
            &a.goals_review,
        );
        for r in &a.indicators {
            let label = format!("Chỉ tiêu năm trước «{}»", short(&r.indicator.name));
            w.add(
                X::ReviewIndicatorName(r.id.clone()),
                P::Assessment,
                label.clone(),
                &r.indicator.name,
            )
            .indicator = Some(&r.id);
            w.add(
                X::ReviewIndicatorNote(r.id.clone()),
                P::Assessment,
                format!("{label} — ghi chú"),
                &r.note,
            )
            .indicator = Some(&r.id);
        }
        for s in &a.sections {
            let label = format!("Đánh giá «{}»", short(&s.title));
            w.add(
                X::AssessmentTitle(s.id.clone()),
                P::Assessment,
                format!("{label} — tiêu đề"),
                &s.title,
            );
            w.add(
                X::AssessmentText(s.id.clone()),
                P::Assessment,
                label,
                &s.text,
            );
        }
        for t in &a.tasks {
            let label = format!("Nhiệm vụ năm trước «{}»", short(&t.title));
            w.add(
                X::ReviewTaskTitle(t.id.clone()),
                P::Assessment,
                label.clone(),
                &t.title,
            );
            w.add(
                X::ReviewTaskResult(t.id.clone()),
                P::Assessment,
                format!("{label} — kết quả"),
                &t.result,
            );
        }
        w.add(
            X::BudgetSpent,
            P::Assessment,
            "Kinh phí đã thực hiện".into(),
            &a.budget_spent,
        );
    }

    /// The vision, the general goal, the specific goals and their indicators.
    fn goals(&mut self, plan: &'p Plan) {
        use Place as X;
        use Section as P;
        let w = self;
        w.add(X::Vision, P::Goals, "Tầm nhìn".into(), &plan.vision);
        w.add(
            X::GeneralGoal,
            P::Goals,
            "Mục tiêu tổng quát".into(),
            &plan.general_goal,
        );
        for g in &plan.specific_goals {
            let label = format!("Mục tiêu «{}»", short(&g.title));
            w.add(
                X::GoalTitle(g.id.clone()),
                P::Goals,
                format!("{label} — tên"),
                &g.title,
            );
            w.add(X::GoalText(g.id.clone()), P::Goals, label, &g.text);
            for i in &g.indicators {
                w.add(
                    X::IndicatorName(i.id.clone()),
                    P::Goals,
                    format!("Chỉ tiêu «{}»", short(&i.name)),
                    &i.name,
                )
                .indicator = Some(&i.id);
            }
        }
    }

    /// Each group's title and intro, each task's title, description and output.
    fn tasks(&mut self, plan: &'p Plan) {
        use Place as X;
        use Section as P;
        let w = self;
        for (gi, g) in plan.groups.iter().enumerate() {
            let label = format!("Nhóm {} «{}»", gi + 1, short(&g.title));
            w.add(
                X::GroupTitle(g.id.clone()),
                P::Tasks,
                format!("{label} — tên"),
                &g.title,
            )
            .group = Some(&g.id);
            w.add(
                X::GroupIntro(g.id.clone()),
                P::Tasks,
                format!("{label} — lời dẫn"),
                &g.intro,
            )
            .group = Some(&g.id);
            for (ti, t) in g.tasks.iter().enumerate() {
                let number = crate::numbering::task_number(gi, ti);
                for (place, what, text) in [
                    (X::TaskTitle(t.id.clone()), "tên", &t.title),
                    (X::TaskDescription(t.id.clone()), "mô tả", &t.description),
                    (X::TaskOutput(t.id.clone()), "sản phẩm", &t.output),
                ] {
                    let x = w.add(place, P::Tasks, format!("Nhiệm vụ {number} — {what}"), text);
                    x.group = Some(&g.id);
                    x.task = Some(&t.id);
                }
            }
        }
    }

    /// Solutions, the budget's narrative, the duties and the closing paragraph.
    fn rest(&mut self, plan: &'p Plan) {
        use Place as X;
        use Section as P;
        let w = self;
        for s in &plan.solutions {
            let label = format!("Giải pháp «{}»", short(&s.title));
            w.add(
                X::SolutionTitle(s.id.clone()),
                P::Solutions,
                format!("{label} — tên"),
                &s.title,
            );
            w.add(X::SolutionText(s.id.clone()), P::Solutions, label, &s.text);
        }
        w.add(
            X::BudgetNarrative,
            P::Budget,
            "Kinh phí — thuyết minh".into(),
            &plan.budget.narrative,
        );
        for d in &plan.organisation.duties {
            let label = format!("Tổ chức thực hiện «{}»", short(&d.heading));
            w.add(
                X::DutyHeading(d.id.clone()),
                P::Organisation,
                format!("{label} — tiêu đề"),
                &d.heading,
            );
            w.add(X::DutyText(d.id.clone()), P::Organisation, label, &d.text);
        }
        w.add(
            X::Closing,
            P::Organisation,
            "Đoạn kết".into(),
            &plan.organisation.closing,
        );
    }
}

/// The text at `place`, to change it; `None` when the item is gone.
pub fn text_mut<'p>(plan: &'p mut Plan, place: &Place) -> Option<&'p mut String> {
    use Place as X;
    let a = &mut plan.assessment;
    Some(match place {
        X::Title => &mut plan.identity.title,
        X::Opening => &mut plan.identity.opening,
        X::GoalsReview => &mut a.goals_review,
        X::BudgetSpent => &mut a.budget_spent,
        X::AssessmentTitle(id) => &mut a.sections.iter_mut().find(|s| &s.id == id)?.title,
        X::AssessmentText(id) => &mut a.sections.iter_mut().find(|s| &s.id == id)?.text,
        X::ReviewIndicatorName(id) => {
            &mut a
                .indicators
                .iter_mut()
                .find(|r| &r.id == id)?
                .indicator
                .name
        }
        X::ReviewIndicatorNote(id) => &mut a.indicators.iter_mut().find(|r| &r.id == id)?.note,
        X::ReviewTaskTitle(id) => &mut a.tasks.iter_mut().find(|t| &t.id == id)?.title,
        X::ReviewTaskResult(id) => &mut a.tasks.iter_mut().find(|t| &t.id == id)?.result,
        X::Vision => &mut plan.vision,
        X::GeneralGoal => &mut plan.general_goal,
        X::GoalTitle(id) => &mut plan.specific_goals.iter_mut().find(|g| &g.id == id)?.title,
        X::GoalText(id) => &mut plan.specific_goals.iter_mut().find(|g| &g.id == id)?.text,
        X::IndicatorName(id) => {
            &mut plan
                .specific_goals
                .iter_mut()
                .flat_map(|g| g.indicators.iter_mut())
                .find(|i| &i.id == id)?
                .name
        }
        X::GroupTitle(id) => &mut plan.groups.iter_mut().find(|g| &g.id == id)?.title,
        X::GroupIntro(id) => &mut plan.groups.iter_mut().find(|g| &g.id == id)?.intro,
        X::TaskTitle(id) | X::TaskDescription(id) | X::TaskOutput(id) => {
            let t = plan
                .groups
                .iter_mut()
                .flat_map(|g| g.tasks.iter_mut())
                .find(|t| &t.id == id)?;
            match place {
                X::TaskTitle(_) => &mut t.title,
                X::TaskDescription(_) => &mut t.description,
                _ => &mut t.output,
            }
        }
        X::SolutionTitle(id) => &mut plan.solutions.iter_mut().find(|s| &s.id == id)?.title,
        X::SolutionText(id) => &mut plan.solutions.iter_mut().find(|s| &s.id == id)?.text,
        X::BudgetNarrative => &mut plan.budget.narrative,
        X::DutyHeading(id) | X::DutyText(id) => {
            let d = plan.organisation.duties.iter_mut().find(|d| &d.id == id)?;
            // A duty edited by hand is no longer the generated one.
            d.generated = false;
            match place {
                X::DutyHeading(_) => &mut d.heading,
                _ => &mut d.text,
            }
        }
        X::Closing => &mut plan.organisation.closing,
    })
}

/// The sentence around byte `at` of `text`: from the previous end of sentence (". ", ";",
/// a line break) to the next, trimmed — what a review shows before and after a change.
pub fn sentence_at(text: &str, at: usize) -> &str {
    let ends = |c: char| matches!(c, '.' | ';' | '\n' | ':');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(i, c)| ends(*c) && !(*c == '.' && digit_before(text, *i)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|(i, c)| ends(*c) && !(*c == '.' && digit_before(text, at + *i)))
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].trim()
}

/// "132.897,5": a dot between digits is a thousands mark, not the end of a sentence.
fn digit_before(text: &str, dot: usize) -> bool {
    let before = text[..dot].chars().next_back();
    let after = text[dot + 1..].chars().next();
    before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit())
}

/// A text lowered letter by letter, each letter with the byte it starts at: what every
/// search that ignores letter case (but not diacritics: "huyện" finds "Huyện", never
/// "huyền") runs on — find-and-replace here, the final check's wording scan — so ranges
/// found are ranges of the original text.
pub struct Lowered<'t> {
    text: &'t str,
    chars: Vec<(usize, char)>,
}

impl<'t> Lowered<'t> {
    pub fn new(text: &'t str) -> Lowered<'t> {
        Lowered {
            text,
            chars: text.char_indices().map(|(i, c)| (i, lower(c))).collect(),
        }
    }

    /// Letters as `find` compares them.
    pub fn needle(s: &str) -> Vec<char> {
        s.chars().map(lower).collect()
    }

    /// The lowered letter at `i` (a letter index).
    pub fn char(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|x| x.1)
    }

    /// The byte where letter `i` starts (the text's end past the last letter).
    pub fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |x| x.0)
    }

    /// Where `needle` occurs, left to right and without overlap, among the places
    /// `accept(first, past_last)` takes (letter indices, as returned).
    pub fn find(
        &self,
        needle: &[char],
        mut accept: impl FnMut(usize, usize) -> bool,
    ) -> Vec<(usize, usize)> {
        let n = needle.len();
        let mut out = Vec::new();
        let mut i = 0;
        while n > 0 && i + n <= self.chars.len() {
            let here = self.chars[i..i + n]
                .iter()
                .map(|x| x.1)
                .eq(needle.iter().copied());
            if here && accept(i, i + n) {
                out.push((i, i + n));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// A letter lowered; one that lowers to several (rare outside Vietnamese) keeps the first.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Where `query` occurs in `text`, as byte ranges (see `Lowered`).
pub fn occurrences(text: &str, query: &str) -> Vec<(usize, usize)> {
    let l = Lowered::new(text);
    l.find(&Lowered::needle(query), |_, _| true)
        .into_iter()
        .map(|(i, j)| (l.byte(i), l.byte(j)))
        .collect()
}

/// One place where a search found its words, with the rest of their sentence.
#[derive(Debug, Clone)]
pub struct Found<'p> {
    /// The text it is in (place, label, and the group, task or indicator for the jump).
    pub text: Text<'p>,
    /// The sentence before the words, the words as written, the sentence after them.
    pub before: String,
    pub found: String,
    pub after: String,
}

/// Every occurrence of `query` in every text of the plan, in print order.
pub fn find<'p>(plan: &'p Plan, query: &str) -> Vec<Found<'p>> {
    let mut out = Vec::new();
    for t in texts(plan) {
        for (s, e) in occurrences(t.text, query) {
            let sentence = sentence_at(t.text, s);
            let from = sentence.as_ptr() as usize - t.text.as_ptr() as usize;
            let to = from + sentence.len();
            out.push(Found {
                before: t.text[from.min(s)..s].to_string(),
                found: t.text[s..e].to_string(),
                after: t.text[e..to.max(e)].to_string(),
                text: t.clone(),
            });
        }
    }
    out
}

/// Replaces every occurrence of `query` by `with` in the texts at `places` (all texts when
/// `None`); returns how many were replaced. Only texts that hold `query` are written, so a
/// generated duty without it stays generated.
pub fn replace(plan: &mut Plan, query: &str, with: &str, places: Option<&[Place]>) -> usize {
    let holding: Vec<Place> = texts(plan)
        .into_iter()
        .filter(|t| places.is_none_or(|p| p.contains(&t.place)))
        .filter(|t| !occurrences(t.text, query).is_empty())
        .map(|t| t.place)
        .collect();
    let mut n = 0;
    for place in holding {
        let Some(text) = text_mut(plan, &place) else {
            continue;
        };
        let found = occurrences(text, query);
        for &(s, e) in found.iter().rev() {
            text.replace_range(s..e, with);
        }
        n += found.len();
    }
    n
}
