import { useCallback, useState } from "react";

import { messageOf } from "../api";

/** What a screen that sends requests one at a time needs: `busy` while one runs (buttons
 * disabled), and `run`, which says the failure's sentence through `onProblem` and resolves to
 * `undefined` then. `onStart` runs first (a screen that shows its last problem clears it). */
export function useBusy(onProblem: (message: string) => void, onStart?: () => Promise<unknown> | void) {
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      try {
        await onStart?.();
        return await work();
      } catch (e) {
        onProblem(messageOf(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [onProblem, onStart],
  );
  return { busy, run };
}
