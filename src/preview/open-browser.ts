// --open: hands the URL to the desktop's browser. That browser belongs to the user: the preview
// does not wait for it and never closes it.

import { spawn } from 'node:child_process';
import { t } from '../i18n/messages.js';

export function openerCommand(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Resolves once the opener started, or rejects with why it could not. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const [command, args] = openerCommand(platform, url);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(t('preview.noOpener', { command, code: error.code ?? error.message }))),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
