// Watches the data and templates folders and reports each burst of changes once, after a
// short quiet time: editors often write a file in several steps (truncate, write, rename).

import { basename, dirname, join, relative, sep } from 'node:path';
import { watch } from 'chokidar';

export interface ChangeBurst {
  /** Absolute paths that changed. */
  paths: string[];
  /** A template, stylesheet or catalogue changed. */
  templates: boolean;
  /** Files or folders came or went, or event.yaml changed: the set of pages may differ. */
  structure: boolean;
}

export interface FolderWatch {
  close(): Promise<void>;
}

export interface WatchOptions {
  dataDir: string;
  templatesDir: string;
  debounceMs?: number;
  onChange(burst: ChangeBurst): void;
  onError?(error: unknown): void;
}

/**
 * Editor leftovers: swap and backup files, vim's write test, emacs locks, hidden entries; and
 * spreadsheet programs' while a workbook is open or saved: Excel's owner file `~$name.xlsx` and
 * its temporary save file (8 hexadecimal digits, no extension), LibreOffice's `.~lock.name#`.
 */
export function isEditorNoise(path: string, root: string): boolean {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..')) return false;
  if (rel.split(sep).some((part) => part.startsWith('.') || part.startsWith('#'))) return true;
  const name = basename(path);
  return /~$|\.sw[a-p]$|\.bak$|\.tmp$|\.crswap$|^4913$|^~\$|^[0-9A-F]{8}$/i.test(name);
}

/** Starts watching; resolves once the folders are being watched. */
export async function watchFolders(opts: WatchOptions): Promise<FolderWatch> {
  const roots = [opts.dataDir, opts.templatesDir];
  const watcher = watch(roots, {
    ignoreInitial: true,
    ignored: (path: string) => roots.some((root) => isEditorNoise(path, root)),
  });

  let timer: NodeJS.Timeout | undefined;
  let pending: ChangeBurst = { paths: [], templates: false, structure: false };
  const flush = () => {
    timer = undefined;
    const burst = pending;
    pending = { paths: [], templates: false, structure: false };
    opts.onChange(burst);
  };
  const inTemplates = (path: string) => {
    const rel = relative(opts.templatesDir, path);
    return rel !== '' && !rel.startsWith('..');
  };

  watcher.on('all', (event, path) => {
    pending.paths.push(path);
    if (inTemplates(path)) pending.templates = true;
    if (event !== 'change' || basename(path) === 'event.yaml') pending.structure = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, opts.debounceMs ?? 150);
  });
  watcher.on('error', (error) => opts.onError?.(error));

  // A watched folder moved away and back, or replaced (rm -rf then a restore, rsync to a new
  // folder then mv): chokidar stops watching it for good. Its parent is watched for the folder's
  // name only, and a folder that comes back is watched again, as a change of the set of pages.
  const parents = [...new Set(roots.map((root) => dirname(root)))].map((parent) =>
    watch(parent, {
      ignoreInitial: true,
      depth: 0,
      ignored: (path: string) => path !== parent && !roots.includes(path),
    }),
  );
  for (const parent of parents) {
    parent.on('addDir', (path) => {
      if (!roots.includes(path)) return;
      watcher.unwatch(path);
      watcher.add(path);
      pending.paths.push(path);
      pending.structure = true;
      if (inTemplates(join(path, 'x'))) pending.templates = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, opts.debounceMs ?? 150);
    });
    parent.on('error', (error) => opts.onError?.(error));
  }

  await Promise.all([watcher, ...parents].map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve()))));
  return {
    close: async () => {
      if (timer) clearTimeout(timer);
      await Promise.all([watcher, ...parents].map((w) => w.close()));
    },
  };
}
