// The comments agencies sent on a task of the draft, where the task is: a mark on its row of
// the grid and the list under its open editor, so the planner rewriting a task sees what was
// asked of it without going back to «Góp ý dự thảo».
import type { Comment } from "../bindings/Comment";
import type { PlanView } from "../bindings/PlanView";
import { answerLabel } from "../labels";

/** Each task's comments, in the order they were received. */
export function commentsOnTasks(view: PlanView): Map<string, Comment[]> {
  const out = new Map<string, Comment[]>();
  for (const c of view.plan.consultation?.comments ?? []) {
    if (c.place.kind !== "task") continue;
    const list = out.get(c.place.id) ?? [];
    list.push(c);
    out.set(c.place.id, list);
  }
  return out;
}

const pending = (comments: Comment[]) => comments.filter((c) => c.answer.kind === "pending").length;

const line = (c: Comment, agency: (id: string) => string) =>
  `${agency(c.agency)}: ${c.text}${c.proposed ? ` (đề nghị: «${c.proposed}»)` : ""} [${answerLabel(c.answer)}]`;

/** The row's mark: how many comments, in blue, or amber while some are unanswered. */
export function CommentMarker({ comments, agency }: { comments: Comment[]; agency: (id: string) => string }) {
  if (comments.length === 0) return null;
  const open = pending(comments);
  const label = `${comments.length} góp ý` + (open ? `, ${open} chưa trả lời` : "");
  return (
    <span className={"marker comment" + (open ? " pending" : "")} role="img" aria-label={label} title={[label, ...comments.map((c) => line(c, agency))].join("\n")}>
      ✉ {comments.length}
    </span>
  );
}

/** Under the open task: each comment with its agency and the answer given. */
export function TaskComments({ comments, agency }: { comments: Comment[]; agency: (id: string) => string }) {
  if (comments.length === 0) return null;
  return (
    <div className="task-comments" data-testid="task-comments">
      <b>Góp ý dự thảo về nhiệm vụ này ({comments.length}, {pending(comments)} chưa trả lời):</b>
      <ul>
        {comments.map((c) => (
          <li key={c.id}>{line(c, agency)}</li>
        ))}
      </ul>
    </div>
  );
}
