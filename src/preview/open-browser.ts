// --open: hands the URL to the desktop's browser. That browser belongs to the user: the preview
// does not wait for it and never closes it.

import { spawn } from 'node:child_process';
import { oneLine } from '../text/one-line.js';

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
    child.once('error', (error) =>
      reject(new Error(`could not open a browser with ${command}: ${oneLine(error.message)}`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
