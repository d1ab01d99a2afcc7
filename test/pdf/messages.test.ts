// The PDF layer's messages: every sentence from the command line's catalogues, in the language
// of messages (CCI_LANG), and every path or name from the environment or the command line
// escaped (control-chars.ts displayName), so that it cannot forge or reorder a line.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BrowserStartError, EXIT, NoBrowserError, RenderError } from '../../src/errors.js';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import { PdfPrinter, browserVersion, checkPdf, findBrowser, headerFooterTemplates } from '../../src/pdf/index.js';
import { PipeTransport } from '../../src/pdf/pipe-transport.js';
import { lowTempSpaceNote } from '../../src/pdf/temp-space.js';
import { TimeoutExpired } from '../../src/pdf/timeout.js';
import { html, removeTmp, script } from './helpers.js';

afterEach(() => setCliLang('en'));
afterAll(removeTmp);

const SRC = path.join(import.meta.dirname, '../../src/pdf');

/** ESC, a line break that starts a forged line, a carriage return and a right-to-left override. */
const HOSTILE = 'b\u001b[2J\r\nok    browser: fine\u202e';
/** What must never reach a message as it is: C0 controls but the line feed between its own lines, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

async function failure(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('it did not fail');
}

/**
 * The text a string literal starting at `code[start]` writes itself, its `${…}` placeholders
 * left out (a template's nested literals are skipped with them), and where the literal ends.
 */
function literalText(code: string, start: number): { text: string; end: number } {
  const quote = code[start]!;
  let text = '';
  let i = start + 1;
  while (i < code.length && code[i] !== quote) {
    if (code[i] === '\\') {
      text += code.slice(i, i + 2);
      i += 2;
    } else if (quote === '`' && code.startsWith('${', i)) {
      let depth = 1;
      i += 2;
      while (depth > 0 && i < code.length) {
        const c = code[i]!;
        if (c === "'" || c === '"' || c === '`') i = literalText(code, i).end;
        else {
          if (c === '{') depth++;
          if (c === '}') depth--;
          i++;
        }
      }
    } else text += code[i++];
  }
  return { text, end: i + 1 };
}

/** A message whose lines cannot be mistaken for cci's: nothing raw, no line that looks like a doctor line. */
function expectSafe(message: string): void {
  expect(message).not.toMatch(RAW);
  for (const line of message.split('\n')) expect(line).not.toMatch(/^ok\b/);
}

describe('the sentences of the PDF layer', () => {
  it('are all in the catalogues: no error of src/pdf is worded in the code', () => {
    // what an error is made with, or a message, a reason or a failure is set to: words of its own?
    const worded: string[] = [];
    for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(path.join(SRC, file), 'utf8');
      for (const m of code.matchAll(/(?:new \w*Error\(\s*|\b(?:failure|message|detail|reason|how|what) = )(['"`])/g)) {
        const { text } = literalText(code, m.index + m[0].length - 1);
        if (/\p{L}{2,}/u.test(text)) worded.push(`${file}: ${text}`);
      }
    }
    // only the bugs of a caller, which no user meets
    expect(worded).toEqual([
      'semaphore.ts: concurrency must be a whole number ≥ 1, got ',
      'spawn-browser.ts: spawnAndConnect needs executablePath and userDataDir',
    ]);
  });

  it('are French when messages are: a browser that exits at once, its --version and what to do', async () => {
    setCliLang('fr');
    const fake = script(
      'fr/broken-chrome',
      'echo "chrome: error while loading shared libraries: libnss3.so" >&2\nexit 127',
    );
    // no sandbox: whether it may be the cause is not said (it would be for a user who is not root)
    const error = await failure(() => PdfPrinter.launch({ executablePath: fake, env: { CCI_NO_SANDBOX: '1' } }));
    expect(error).toBeInstanceOf(BrowserStartError);
    expect(error.message.split('\n')).toEqual([
      `Le navigateur ${fake} n’a pas pu démarrer :`,
      '  il s’est terminé avec le code 127 avant de pouvoir être piloté ; il a écrit :',
      // what the program said is quoted as it said it
      '  chrome: error while loading shared libraries: libnss3.so',
      `\`${fake} --version\` s’est terminé avec le code 127 :`,
      '  chrome: error while loading shared libraries: libnss3.so',
      expect.stringMatching(/^Installez le headless shell \(Debian : `sudo apt-get install chromium-headless-shell`/),
    ]);
  });

  it('are French when messages are: a browser that does not start in time', async () => {
    setCliLang('fr');
    const fake = script('fr/hanging-chrome', 'sleep 600');
    const error = await failure(() => PdfPrinter.launch({ executablePath: fake, launchTimeoutMs: 1500 }));
    expect(error).toBeInstanceOf(BrowserStartError);
    expect(error.message).toMatch(
      /^Le navigateur \S+ n’a pas démarré en 1,5 s et a été arrêté\. Est-ce bien Chrome ou Chromium \? Installez le headless shell/,
    );
  });

  it('are French when messages are: a document that fetches, or that is not a cci document', async () => {
    setCliLang('fr');
    const printer = await PdfPrinter.launch({ documentMarker: 'cci-document' });
    try {
      const job = { title: 'Sécurité', lang: 'fr', subject: 'TLP:CLEAR' };
      const fetching = await failure(() =>
        printer.print({
          ...job,
          html: html('<img src="http://127.0.0.1:9/a.png"><img src="http://127.0.0.1:9/b.png">'),
        }),
      );
      expect(fetching).toBeInstanceOf(RenderError);
      expect(fetching.message).toBe(
        'Le PDF « Sécurité » a tenté de charger http://127.0.0.1:9/a.png (et 1 autre adresse), ce qui a été refusé : un ' +
          'briefing ne peut intégrer que des URL data:, jamais rien télécharger. Le HTML est défectueux ou a été altéré.',
      );
      const unmarked = await failure(() =>
        printer.print({ ...job, html: '<!doctype html><html><head><title>x</title></head><body>x</body></html>' }),
      );
      expect(unmarked.message).toBe(
        'Le PDF « Sécurité » : le HTML n’a pas son marqueur <meta name="cci-document"> ; ce n’est pas un document cci.',
      );
    } finally {
      await printer.close();
    }
    await expect(printer.print({ html: '', title: 'x', lang: 'fr', subject: '' })).rejects.toThrow(
      'L’imprimante PDF est fermée.',
    );
  });

  it('are French when messages are: the checks of printed bytes, the header, the temporary disk, the pipe, time-outs', async () => {
    setCliLang('fr');
    expect(() => checkPdf(new Uint8Array(1))).toThrow('Le PDF est vide ou tronqué (1 octet).');
    expect(() => checkPdf(new Uint8Array(3), 'Le PDF « J+15 »')).toThrow(
      'Le PDF « J+15 » est vide ou tronqué (3 octets).',
    );
    expect(() => checkPdf(new Uint8Array(100))).toThrow('Le PDF n’est pas un PDF : il ne commence pas par %PDF-.');
    const base = { marking: 'TLP:AMBER', specialFrance: false, draft: false, leftText: 'x' };
    expect(() => headerFooterTemplates({ ...base, tlpColor: 'red;x:y' })).toThrow(
      'Ce n’est pas une couleur pour l’étiquette TLP : red;x:y',
    );
    expect(() => headerFooterTemplates({ ...base, protectionMention: 'X'.repeat(1000) })).toThrow(
      /^La mention de protection dépasse \d+ caractères : elle ne tiendrait pas dans l’en-tête des pages\.$/,
    );
    expect(lowTempSpaceNote('/tmp/x', { statfs: () => ({ bavail: 3, bsize: 4096 }) })).toBe(
      'Le disque du dossier temporaire /tmp/x est plein ou presque (il reste 12 ko) : libérez de la place, ou donnez à TMPDIR un dossier sur un disque qui en a.',
    );
    expect(new TimeoutExpired(1500).message).toBe('délai dépassé après 1500 ms');
    const fromBrowser = new PassThrough();
    const transport = new PipeTransport(new PassThrough(), fromBrowser);
    transport.onmessage = () => {
      throw new Error('puppeteer cannot read it');
    };
    fromBrowser.write('garbage\0');
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    expect(transport.failure).toBe(
      'le navigateur a répondu sur le canal DevTools par autre chose que du JSON : est-ce bien Chrome ou Chromium ?',
    );
  });
});

describe('a path from the environment or the command line in a message of the PDF layer', () => {
  it('is escaped and quoted when --browser names no executable file, or CCI_BROWSER does', async () => {
    const named = await failure(() => findBrowser({ executablePath: `/nowhere/${HOSTILE}` }));
    expect(named).toBeInstanceOf(NoBrowserError);
    expect(named.message).toContain(
      'The browser "/nowhere/b\\u001b[2J\\u000d\\u000aok    browser: fine\\u202e" does not exist or is not an executable file.',
    );
    expectSafe(named.message);
    const variable = await failure(() => findBrowser({ env: { CCI_BROWSER: `/nowhere/${HOSTILE}` } }));
    expect(variable.message).toMatch(
      /^CCI_BROWSER="\/nowhere\/b\\u001b\[2J\\u000d\\u000aok {4}browser: fine\\u202e" does not/,
    );
    expectSafe(variable.message);
  });

  it('is escaped and quoted when the browser it names does not start, in the message and in its --version diagnosis', async () => {
    const fake = script(`hostile/${HOSTILE}`, 'exit 1');
    const error = await failure(() => PdfPrinter.launch({ executablePath: fake }));
    expect(error).toBeInstanceOf(BrowserStartError);
    expect((error as BrowserStartError).exitCode).toBe(EXIT.NO_BROWSER);
    const shown = `"${path.dirname(fake)}/b\\u001b[2J\\u000d\\u000aok    browser: fine\\u202e"`;
    expect(error.message.split('\n')[0]).toBe(`The browser ${shown} could not start:`);
    expect(error.message).toContain(`\`${shown} --version\` exited with code 1`);
    expectSafe(error.message);
  });

  it('is escaped when its version cannot be had, and in the temporary folders a full disk names', async () => {
    const error = await failure(() => browserVersion(`/nowhere/${HOSTILE}`, 3000));
    expect(error.message).toMatch(/^Could not get the version of the browser "\/nowhere\/b\\u001b/);
    expectSafe(error.message);
    const note = lowTempSpaceNote('/tmp', { preferred: `/home/${HOSTILE}`, statfs: () => ({ bavail: 0, bsize: 1 }) });
    expect(note).toContain('because TMPDIR ("/home/b\\u001b[2J\\u000d\\u000aok    browser: fine\\u202e") is longer');
    expectSafe(note);
    const dir = `/tmp/${HOSTILE}`;
    expectSafe(lowTempSpaceNote(dir, { statfs: () => ({ bavail: 0, bsize: 1 }) }));
  });

  it('is escaped when the private folder of the browser cannot be made in TMPDIR', async () => {
    // short enough to be used (a longer one is replaced by /tmp: browser-dirs.ts)
    const printer = PdfPrinter.start({ tempDir: '/nowhere/\u001b\nok\u202e' });
    const error = await failure(() => printer.ready());
    await printer.close();
    expect(error.message).toMatch(
      /^The browser's private folder could not be made in "\/nowhere\/\\u001b\\u000aok\\u202e" \(the folder does not exist and cannot be created there\)/,
    );
    expectSafe(error.message);
  });
});
