// A modal question in the page (the webview's window.confirm is not reliable on Linux).
import { useEffect, useRef } from "react";

type Props = {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Another choice between "Hủy" and the main one. */
  extra?: React.ReactNode;
  /** The main choice is not destructive (shown as primary, not red). */
  safe?: boolean;
};

export function Confirm({ title, children, confirmLabel, onConfirm, onCancel, extra, safe }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}>
        <h3>{title}</h3>
        <p>{children}</p>
        <div className="row end">
          <button ref={cancel} onClick={onCancel}>
            Hủy
          </button>
          {extra}
          <button className={safe ? "primary" : "danger"} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
