// Prints briefings to PDF with one browser for the whole run. Only the printer is loaded here,
// so that the browser can start before the rest of cci loads; the job of each briefing (header,
// footer, metadata: print-job.ts, which needs the rendering modules) is loaded at the first print.

import type { BriefingPrinter } from './print.js';
import { PdfPrinter } from '../pdf/printer.js';

export function startBriefingPrinter(opts: {
  executablePath?: string | undefined;
  env: NodeJS.ProcessEnv;
}): BriefingPrinter {
  const printer = PdfPrinter.start({
    ...(opts.executablePath !== undefined && { executablePath: opts.executablePath }),
    env: opts.env,
    documentMarker: 'cci-document',
  });
  return {
    print: async (job) => {
      const { printJob } = await import('./print-job.js');
      return printer.print(printJob(job));
    },
    close: () => printer.close(),
  };
}
