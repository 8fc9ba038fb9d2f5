// «Máy chủ»: where the window works — this computer's own database, or the province's shared
// server — and, on the server, moving plans there and back and (for the admin) making the
// accounts of drafters and departments from the plan's agency directory.
import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import type { Agency } from "../bindings/Agency";
import type { Connection } from "../bindings/Connection";
import type { ServerSettings } from "../bindings/ServerSettings";
import { useBusy } from "../widgets/useBusy";

type Props = {
  /** The open plan's agencies, to make department accounts from (none without a plan). */
  directory: Agency[];
  notify: (message: string, kind?: "error" | "info") => void;
  /** The window now works on another database: the open plan is not there. */
  onSwitched: () => void;
};

const EMPTY: ServerSettings = { host: "", port: 5432, database: "", user: "" };

export function Server({ directory, notify, onSwitched }: Props) {
  const [c, setC] = useState<Connection | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Each request clears the last problem; its own failure is said where the problems are.
  const { busy, run } = useBusy(setProblem, () => setProblem(null));

  useEffect(() => {
    api.connection().then(setC, (e) => setProblem(messageOf(e)));
  }, []);

  if (!c) return <p className="muted">{problem ?? "Đang đọc…"}</p>;
  return (
    <div className="server-screen">
      <h2>Máy chủ dùng chung</h2>
      <p data-testid="where">
        {c.shared ? (
          <>
            Đang làm việc trên máy chủ dùng chung <strong>{c.address}</strong> với tài khoản{" "}
            <strong>{c.account.full_name}</strong>
            {c.account.agency ? ` (tài khoản của ${c.account.agency}: chỉ sửa nhiệm vụ do cơ quan mình chủ trì)` : " (soạn thảo: sửa được toàn bộ kế hoạch)"}.{" "}
            {c.encrypted ? (
              <span data-testid="tls">Kết nối được mã hóa (TLS).</span>
            ) : (
              <span data-testid="tls" className="warning">
                Kết nối không mã hóa: máy chủ chưa bật TLS, mật khẩu và nội dung kế hoạch đi trên mạng không được bảo vệ — hãy đề nghị quản trị máy chủ bật TLS (ssl = on).
              </span>
            )}
          </>
        ) : (
          <>
            {/* The file's path is for whoever supports the planner: on hover, not in the text. */}
            Đang làm việc trên <span title={c.local_file}>dữ liệu lưu ở máy này</span>. Kết nối tới máy chủ dùng chung của tỉnh để cả tổ soạn thảo cùng sửa một kế hoạch
            (địa chỉ, tên cơ sở dữ liệu và tài khoản do người quản trị máy chủ cung cấp).
          </>
        )}
      </p>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {c.shared ? (
        <>
          <section className="panel">
            <h3>Chuyển kế hoạch</h3>
            <p className="muted">Chép mọi kế hoạch cùng toàn bộ lịch sử sửa đổi; không xóa gì ở nơi gửi. Nếu nơi nhận đã có một trong các kế hoạch đó thì không chép gì.</p>
            <div className="actions">
              <button
                disabled={busy || !!c.account.agency}
                onClick={async () => {
                  const m = await run(() => api.movePlans(true));
                  if (m) notify(`Đã chép ${m.plans} kế hoạch (${m.revisions} phiên bản) từ máy này lên máy chủ.`, "info");
                }}
              >
                Chép kế hoạch của máy này lên máy chủ
              </button>
              <button
                disabled={busy}
                onClick={async () => {
                  const m = await run(() => api.movePlans(false));
                  if (m) notify(`Đã chép ${m.plans} kế hoạch (${m.revisions} phiên bản) từ máy chủ về máy này.`, "info");
                }}
              >
                Chép kế hoạch trên máy chủ về máy này
              </button>
              <button
                disabled={busy}
                onClick={async () => {
                  const next = await run(() => api.disconnectServer());
                  if (next) {
                    setC(next);
                    onSwitched();
                    notify("Đã chuyển về cơ sở dữ liệu của máy này.", "info");
                  }
                }}
              >
                Dùng cơ sở dữ liệu của máy này
              </button>
            </div>
          </section>
          <Accounts c={c} directory={directory} busy={busy} run={run} onMade={setC} notify={notify} />
        </>
      ) : (
        <ConnectForm
          c={c}
          busy={busy}
          onWrong={setProblem}
          onConnect={async (settings, password, remember) => {
            const next = await run(() => api.connectServer(settings, password, remember));
            if (next) {
              setC(next);
              onSwitched();
              notify(`Đã kết nối tới máy chủ dùng chung với tài khoản ${next.account.full_name}.`, "info");
            }
          }}
        />
      )}
    </div>
  );
}

function ConnectForm({
  c,
  busy,
  onWrong,
  onConnect,
}: {
  c: Connection;
  busy: boolean;
  /** A field the window itself can tell is wrong, said where the server's answers are. */
  onWrong: (message: string) => void;
  onConnect: (s: ServerSettings, password: string, remember: boolean) => void;
}) {
  const [s, setS] = useState<ServerSettings>(c.server ?? EMPTY);
  const [port, setPort] = useState(String((c.server ?? EMPTY).port));
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(c.credential_store);
  const [wrongPort, setWrongPort] = useState(false);
  const field = (label: string, key: "host" | "database" | "user", placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={s[key]} placeholder={placeholder} onChange={(e) => setS({ ...s, [key]: e.target.value })} />
    </label>
  );
  return (
    <form
      className="panel connect"
      aria-label="Kết nối máy chủ"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(port);
        const bad = !/^\d{1,5}$/.test(port.trim()) || n < 1 || n > 65535;
        setWrongPort(bad);
        if (bad) {
          onWrong("Cổng máy chủ phải là một số từ 1 đến 65535 (thường là 5432).");
          return;
        }
        onConnect({ ...s, port: n }, password, remember);
      }}
    >
      <h3>Kết nối máy chủ</h3>
      {field("Địa chỉ máy chủ", "host", "csdl.quangngai.gov.vn")}
      <label className="field narrow">
        <span>Cổng</span>
        <input value={port} inputMode="numeric" aria-invalid={wrongPort || undefined} onChange={(e) => setPort(e.target.value)} />
      </label>
      {field("Cơ sở dữ liệu", "database", "ke_hoach_cds")}
      {field("Tài khoản", "user", "so_khcn_lan")}
      <label className="field">
        <span>Mật khẩu</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={remember} disabled={!c.credential_store} onChange={(e) => setRemember(e.target.checked)} />
        {c.credential_store
          ? "Ghi nhớ mật khẩu trong Trình quản lý thông tin xác thực của Windows"
          : "Hệ điều hành này không có kho mật khẩu mà ứng dụng dùng được: mật khẩu chỉ được giữ đến khi đóng ứng dụng"}
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Đang kết nối…" : "Kết nối"}
        </button>
      </div>
    </form>
  );
}

function Accounts({
  c,
  directory,
  busy,
  run,
  onMade,
  notify,
}: {
  c: Connection;
  directory: Agency[];
  busy: boolean;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  onMade: (c: Connection) => void;
  notify: (message: string, kind?: "error" | "info") => void;
}) {
  const [agency, setAgency] = useState("");
  const [login, setLogin] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  return (
    <section className="panel">
      <h3>Tài khoản</h3>
      <table className="accounts" aria-label="Tài khoản trên máy chủ">
        <thead>
          <tr>
            <th>Tên đăng nhập</th>
            <th>Người dùng</th>
            <th>Quyền</th>
          </tr>
        </thead>
        <tbody>
          {c.accounts.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                Chưa có tài khoản nào ngoài tài khoản quản trị.
              </td>
            </tr>
          )}
          {c.accounts.map((a) => (
            <tr key={a.account}>
              <td>{a.account}</td>
              <td>{a.full_name}</td>
              <td>{a.agency ? `Chỉ nhiệm vụ do ${a.agency} chủ trì` : "Soạn thảo toàn bộ kế hoạch"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.admin ? (
        <form
          aria-label="Tạo tài khoản"
          className="new-account"
          onSubmit={async (e) => {
            e.preventDefault();
            const made = await run(() =>
              api.createAccount({ account: login, password, full_name: name, agency: agency === "" ? null : agency }),
            );
            if (made) {
              onMade(made);
              notify(`Đã tạo tài khoản ${login.trim()}.`, "info");
              setLogin("");
              setName("");
              setPassword("");
            }
          }}
        >
          <label className="field">
            <span>Cơ quan</span>
            <select value={agency} onChange={(e) => setAgency(e.target.value)}>
              <option value="">Tổ soạn thảo (sửa toàn bộ kế hoạch)</option>
              {directory.map((a) => (
                <option key={a.id} value={a.name}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Tên đăng nhập</span>
            <input value={login} placeholder="so_yte" onChange={(e) => setLogin(e.target.value)} />
          </label>
          <label className="field">
            <span>Người dùng</span>
            <input value={name} placeholder="Nguyễn Văn A (Sở Y tế)" onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>Mật khẩu ban đầu</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy}>
              Tạo tài khoản
            </button>
          </div>
          {directory.length === 0 && <p className="muted">Mở một kế hoạch để chọn cơ quan từ danh bạ cơ quan của kế hoạch.</p>}
        </form>
      ) : (
        <p className="muted">Chỉ tài khoản quản trị tạo được tài khoản mới.</p>
      )}
    </section>
  );
}
