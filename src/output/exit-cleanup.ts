// What a run must undo if it ends early: its temporary files, its private run folder, its locks.
// Each is registered as a synchronous action, run once when the process exits. While any is
// registered, SIGINT, SIGTERM and SIGHUP end the process with the conventional status (128 +
// the signal's number: 130, 143, 129) after running them, instead of Node's default death by
// the signal, which runs no exit handler at all. SIGKILL and a power cut run nothing: a later
// run removes what they leave (stale temporary files and run folders, stale locks).

const actions = new Map<symbol, () => void>();
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type Handled = keyof typeof SIGNALS;
let installed = false;

/** The actions, the last registered first (a lock taken in a run folder is removed before the folder). */
function runAll(): void {
  for (const [id, action] of [...actions].reverse()) {
    actions.delete(id);
    try {
      action();
    } catch {
      // best effort: the process is ending
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  process.exitCode = 128 + SIGNALS[signal as Handled];
  // process.exit runs every 'exit' listener (ours, and the browser's clean-up) in order.
  process.exit(process.exitCode);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const s of Object.keys(SIGNALS) as Handled[]) process.on(s, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', runAll);
  for (const s of Object.keys(SIGNALS) as Handled[]) process.off(s, onSignal);
}

/**
 * Runs `action` (synchronous, must not throw) if the process ends before the returned
 * function is called; calling the returned function unregisters it without running it.
 */
export function onEarlyExit(action: () => void): () => void {
  const id = Symbol('cleanup');
  actions.set(id, action);
  install();
  return () => {
    actions.delete(id);
    if (actions.size === 0) uninstall();
  };
}
