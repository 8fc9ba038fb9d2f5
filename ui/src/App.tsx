// The window: a top bar (screens, undo/redo, save state) and the current screen. Reopens the
// plan and screen the planner left; Ctrl+S writes pending text at once (everything is saved
// as it is typed anyway); Ctrl+Z / Ctrl+Y undo and redo plan edits outside text fields.
import { useCallback, useEffect, useState } from "react";
import { api, messageOf } from "./api";
import type { Catalogues } from "./bindings/Catalogues";
import type { PlanView } from "./bindings/PlanView";
import type { OutlineKey } from "./labels";
import type { Finding } from "./bindings/Finding";
import { CatalogueBrowser } from "./screens/CatalogueBrowser";
import { Consultation } from "./screens/Consultation";
import { Directory } from "./screens/Directory";
import { Editor, target } from "./screens/Editor";
import { Export } from "./screens/Export";
import { FindReplace } from "./screens/FindReplace";
import { Plans } from "./screens/Plans";
import { Preview } from "./screens/Preview";
import { Rounds } from "./screens/Rounds";
import { Server } from "./screens/Server";
import { Tracking } from "./screens/Tracking";
import { flushPending, usePlan, type SaveState } from "./usePlan";

type Screen = "plans" | "editor" | "directory" | "catalogues" | "preview" | "export" | "rounds" | "consultation" | "tracking" | "server";
type Notice = { message: string; kind: "error" | "info" } | null;

/** How often the window asks whether the open plan was changed elsewhere. */
const POLL_MS = 2000;

const SCREENS: { key: Screen; label: string; needsPlan: boolean }[] = [
  { key: "plans", label: "Các kế hoạch", needsPlan: false },
  { key: "editor", label: "Soạn thảo", needsPlan: true },
  { key: "directory", label: "Cơ quan", needsPlan: true },
  { key: "rounds", label: "Đề xuất, báo cáo", needsPlan: true },
  { key: "consultation", label: "Góp ý dự thảo", needsPlan: true },
  { key: "tracking", label: "Theo dõi", needsPlan: true },
  { key: "catalogues", label: "Danh mục", needsPlan: false },
  { key: "preview", label: "Xem trước", needsPlan: true },
  { key: "export", label: "Xuất văn bản", needsPlan: true },
  { key: "server", label: "Máy chủ", needsPlan: false },
];

export function saveText(s: SaveState): string {
  if (s.kind === "idle") return "";
  if (s.kind === "saving") return "Đang lưu…";
  if (s.kind === "error") return `Chưa lưu: ${s.what}`;
  if (s.kind === "offline") return `Mất kết nối, đang chờ để lưu: ${s.what}`;
  const p = (n: number) => String(n).padStart(2, "0");
  return `Đã lưu lúc ${p(s.at.getHours())}:${p(s.at.getMinutes())}:${p(s.at.getSeconds())}`;
}

export function App() {
  const [notice, setNotice] = useState<Notice>(null);
  const notify = useCallback((message: string, kind: "error" | "info" = "error") => setNotice({ message, kind }), []);
  const plan = usePlan(notify);
  const { view, show } = plan;
  const [screen, setScreen] = useState<Screen>("plans");
  const [section, setSection] = useState<OutlineKey>("identity");
  const [focus, setFocus] = useState<string | null>(null);
  const [catalogues, setCatalogues] = useState<Catalogues | null>(null);
  const [ready, setReady] = useState(false);
  const [finding, setFinding] = useState(false);

  // Reopen where the planner left off.
  useEffect(() => {
    api.catalogues().then(setCatalogues, (e) => notify(messageOf(e)));
    api.startupNote().then((note) => note && notify(note), () => {});
    api
      .resume()
      .then(async (r) => {
        if (r.plan) {
          show(await api.openPlan(r.plan));
          const [s, sec] = (r.screen ?? "editor").split(":");
          setScreen((s as Screen) || "editor");
          if (sec) setSection(sec as OutlineKey);
        }
      })
      .catch((e) => notify(messageOf(e)))
      .finally(() => setReady(true));
  }, [notify, show]);

  useEffect(() => {
    if (!ready) return;
    api.setResume({ plan: view?.id ?? null, screen: `${screen}:${section}` }).catch(() => {});
  }, [ready, view?.id, screen, section]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const typing = (e.target as HTMLElement)?.matches?.("input, textarea");
      const k = e.key.toLowerCase();
      if (k === "h" && view) {
        e.preventDefault();
        flushPending();
        setFinding(true);
      } else if (k === "s") {
        e.preventDefault();
        flushPending();
        notify("Mọi thay đổi đều được lưu ngay khi bạn gõ.", "info");
      } else if (view && !typing && k === "z" && !e.shiftKey) {
        e.preventDefault();
        plan.undo();
      } else if (view && !typing && (k === "y" || (k === "z" && e.shiftKey))) {
        e.preventDefault();
        plan.redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [view, plan, notify]);

  // An edit made elsewhere (the CLI, another window, a colleague on the shared server) shows
  // without reopening the plan.
  const { refresh } = plan;
  useEffect(() => {
    if (!view?.id) return;
    const t = setInterval(() => {
      refresh()
        .then((changed) => changed && notify("Kế hoạch vừa được sửa ở nơi khác; màn hình đã cập nhật theo bản mới nhất.", "info"))
        .catch(() => {});
    }, POLL_MS);
    return () => clearInterval(t);
  }, [view?.id, refresh, notify]);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), notice.kind === "error" ? 8000 : 3500);
    return () => clearTimeout(t);
  }, [notice]);

  function go(s: Screen) {
    flushPending();
    setScreen(s);
  }

  // A found text, a finding or a comment's place, opened in the editor.
  const jump = (f: Pick<Finding, "location">) => {
    const t = target(f);
    if (t.section === "directory") return go("directory");
    setSection(t.section);
    setScreen("editor");
    setFocus(t.loc);
  };

  const open = (v: PlanView) => {
    show(v);
    setSection("identity");
    setScreen("editor");
  };

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand" title="Kế hoạch chuyển đổi số">
          KH CĐS
        </div>
        <nav aria-label="Màn hình">
          {SCREENS.map((s) => (
            <button key={s.key} className={screen === s.key ? "active" : ""} disabled={s.needsPlan && !view} onClick={() => go(s.key)}>
              {s.label}
            </button>
          ))}
        </nav>
        <div className="plan-title" title={view?.plan.identity.title}>
          {view ? `${view.plan.identity.province} · ${view.plan.identity.year}` : "Chưa mở kế hoạch"}
        </div>
        {view && (
          <div className="history">
            <button title="Hoàn tác (Ctrl+Z)" aria-label="Hoàn tác" disabled={!view.can_undo} onClick={() => plan.undo()}>
              ↶
            </button>
            <button title="Làm lại (Ctrl+Y)" aria-label="Làm lại" disabled={!view.can_redo} onClick={() => plan.redo()}>
              ↷
            </button>
            <button title="Tìm và thay thế trong toàn bộ kế hoạch (Ctrl+H)" onClick={() => (flushPending(), setFinding(true))}>
              Tìm, thay
            </button>
            <span className={"save " + plan.save.kind} data-testid="save-state" title={plan.save.kind === "error" || plan.save.kind === "offline" ? plan.save.message : undefined}>
              {saveText(plan.save)}
            </span>
          </div>
        )}
      </header>
      {notice && (
        <div className={"toast " + notice.kind} role={notice.kind === "error" ? "alert" : "status"} onClick={() => setNotice(null)}>
          {notice.message}
        </div>
      )}
      {finding && view && (
        <FindReplace
          view={view}
          plan={plan}
          onClose={() => setFinding(false)}
          onJump={jump}
        />
      )}
      <div className="content">
        {!ready ? (
          <p className="muted">Đang mở…</p>
        ) : screen === "server" ? (
          <Server directory={view?.plan.directory ?? []} notify={notify} onSwitched={() => show(null)} />
        ) : screen === "plans" || !view ? (
          screen === "catalogues" ? (
            <CatalogueBrowser catalogues={catalogues} onChange={setCatalogues} notify={notify} />
          ) : (
            <Plans catalogues={catalogues} onOpen={open} notify={notify} onDeleted={(id) => id === view?.id && show(null)} />
          )
        ) : screen === "editor" ? (
          <Editor
            view={view}
            plan={plan}
            catalogues={catalogues}
            section={section}
            onSection={setSection}
            onDirectory={() => go("directory")}
            onPreview={() => go("preview")}
            focus={focus}
            requestFocus={setFocus}
            onFocused={() => setFocus(null)}
          />
        ) : screen === "directory" ? (
          <Directory view={view} plan={plan} />
        ) : screen === "catalogues" ? (
          <CatalogueBrowser catalogues={catalogues} onChange={setCatalogues} notify={notify} />
        ) : screen === "rounds" ? (
          <Rounds view={view} plan={plan} notify={notify} />
        ) : screen === "consultation" ? (
          <Consultation view={view} plan={plan} notify={notify} onJump={jump} />
        ) : screen === "tracking" ? (
          <Tracking view={view} plan={plan} notify={notify} />
        ) : screen === "preview" ? (
          <Preview view={view} />
        ) : (
          <Export view={view} settle={plan.settle} refresh={plan.refresh} />
        )}
      </div>
    </div>
  );
}
