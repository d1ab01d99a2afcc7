// The progress of a long batch on a terminal: `[12/141] cci-…-country-DEU — 0:45 left`,
// rewritten in place on stderr. Nothing at all when stderr is not a terminal (cron, pipes, CI).

import { t } from '../i18n/messages.js';

export interface Progress {
  done(name: string): void;
  end(): void;
}

export function progressLine(total: number, enabled: boolean): Progress {
  if (!enabled || total < 2) return { done() {}, end() {} };
  const started = Date.now();
  let done = 0;
  return {
    done(name) {
      done++;
      const elapsed = (Date.now() - started) / 1000;
      const left = Math.round((elapsed / done) * (total - done));
      const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
      process.stderr.write(`\r\x1b[2K${t('brief.progress', { done, total, name, clock })}`);
    },
    end() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}
