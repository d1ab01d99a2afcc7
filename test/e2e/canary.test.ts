// Issue 11, "Must show": every command of cci, run as a user and as cron would (the built
// command line, real Chromium, a real SMTP server in this process), on a data set holding a
// TLP:RED canary, an AMBER+STRICT canary and a Spécial France canary in every record type and in
// fields that end up in messages; then every file created or changed under the runs' HOME,
// cache, state, log, output and temporary folders, every command's stdout and stderr, every
// email and every page the preview served is searched, in every form a string can hide in
// (test/e2e/leak-search.ts):
//   - the RED canary is nowhere (text, id, base64 or quoted-printable inside an email, PDF streams);
//   - the AMBER+STRICT and Spécial France canaries are only in national documents, the national
//     emails, the national pages of the preview and the data folder — and in the register of
//     issued briefings, only within the entries of national documents (SPEC §6: it keeps the ids
//     and short values of every record an issued document showed; their texts as digests).
// The search cannot pass vacuously: the same search finds the AMBER+STRICT canary in national
// documents and emails, the CLEAR control in every other one, and the RED canary in the data
// folder and in a planted base64 / quoted-printable email.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type Harness, type Received } from '../deliver/smtp-harness.js';
import { addDays, canaries, lateIncidents, writeBrokenData, writeCanaryData } from './canary-data.js';
import { BIN, TEST_BROWSER } from './helpers.js';
import { emailViews, filesUnder, found, pdfAttachments, removeScratch, viewsOf } from './leak-search.js';

const C = canaries(randomBytes(5).toString('hex').toUpperCase());
const WITHHELD = [C.strict, C.sf];
/** Today in the event's zone: the day cron's runs brief. */
const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());
const D1 = addDays(DAY, -1);
const NEXT = addDays(DAY, 1);
const NATIONAL_ADDRESS = 'cabinet@example.org';

interface Run {
  name: string;
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}
interface Served {
  name: string;
  national: boolean;
  status: number;
  body: Buffer;
}

let smtp: Harness;
let root: string;
let started: number;
const runs: Run[] = [];
const served: Served[] = [];
const dirs = {} as Record<'home' | 'tmp' | 'cache' | 'state' | 'logs' | 'out' | 'good' | 'bad' | 'init', string>;

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    CCI_LOG_DIR: dirs.logs,
    CCI_LANG: 'en',
    NO_COLOR: '1',
    USER: 'duty-officer',
    LOGNAME: 'duty-officer',
    CCI_SMTP_URL: smtp.url,
    ...(process.env.TZ !== undefined && { TZ: process.env.TZ }),
    ...(TEST_BROWSER !== undefined && { CCI_BROWSER: TEST_BROWSER }),
    ...extra,
  };
}

/** Runs a child to its end, collecting its output; `file` and `args` as for spawn. */
function spawnRun(
  file: string,
  args: string[],
  childEnv: NodeJS.ProcessEnv,
  timeoutMs = 300_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: childEnv, cwd: dirs.home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}

/** Runs cci, records the run, and checks its exit status. */
async function cci(name: string, args: string[], expected: number, extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  const r = await spawnRun(process.execPath, [BIN, ...args], env(extra));
  const run = { name, args, ...r };
  runs.push(run);
  expect(r.code, `${name}: cci ${args.join(' ')}\n${r.stderr}`).toBe(expected);
  return run;
}

/** GET on the preview, the body as bytes (with the session cookie the printed URL set, when given). */
function get(
  port: number,
  path: string,
  cookie?: string,
): Promise<{ status: number; body: Buffer; setCookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent: false,
        headers: { Host: `127.0.0.1:${port}`, ...(cookie && { Cookie: cookie }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const set = res.headers['set-cookie']?.[0];
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ...(set && { setCookie: set.split(';')[0]! }),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Runs `cci preview` on a data folder, fetches `paths` from it, then stops it with Ctrl-C. */
async function preview(
  name: string,
  data: string,
  paths: readonly { path: string; national: boolean; status: number }[],
): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'preview', '--data', data, '--port', '0'], {
    env: env(),
    cwd: dirs.home,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const exited = new Promise<number>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : -1))),
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
      });
      setTimeout(() => reject(new Error(`${name}: no URL; ${stderr}`)), 30_000);
    });
    const port = Number(new URL(url).port);
    const entry = await get(port, new URL(url).pathname + new URL(url).search);
    expect(entry.status, `${name}: the printed URL`).toBe(303);
    for (const p of paths) {
      // without the cookie: refused, and nothing of the data in the refusal
      const refused = await get(port, p.path);
      expect(refused.status, `${name} ${p.path} without the token`).toBe(403);
      served.push({
        name: `${name} ${p.path} (no token)`,
        national: false,
        status: refused.status,
        body: refused.body,
      });
      const r = await get(port, p.path, entry.setCookie);
      expect(r.status, `${name} ${p.path}: ${r.body.toString().slice(0, 300)}`).toBe(p.status);
      served.push({ name: `${name} ${p.path}`, national: p.national, ...r });
    }
  } finally {
    child.kill('SIGINT');
  }
  const code = await exited;
  runs.push({ name, args: ['preview', '--data', data], code, stdout, stderr });
  expect(code, `${name}: ${stderr}`).toBe(0); // Ctrl-C is how a preview ends
}

/** Parses `cci schedule`'s crontab: its environment lines and one command per division. */
function crontab(text: string): { env: Record<string, string>; commands: string[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const env: Record<string, string> = {};
  const commands = new Set<string>();
  for (const line of lines) {
    const assign = /^([A-Z_]+)=(.*)$/.exec(line);
    if (assign) {
      env[assign[1]!] = assign[2]!;
      continue;
    }
    const fields = line.split(/\s+/);
    expect(fields.length, line).toBeGreaterThan(5);
    // cron turns an unescaped % into a newline, and \% into %
    commands.add(line.replace(/^(\S+\s+){5}/, '').replace(/\\%/g, '%'));
  }
  return { env, commands: [...commands] };
}

const national = (file: string) => /-national([-.])/.test(basename(file));
const isNationalEmail = (m: Received) => m.to.length > 0 && m.to.every((a) => a === NATIONAL_ADDRESS);

/** The register without its national documents' entries (which may hold their records' ids). */
function registerOutsideNational(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      if (line.trim() === '') return false;
      const entry = JSON.parse(line) as {
        body?: { type?: string; audience?: string };
        type?: string;
        audience?: string;
      };
      const body = entry.body ?? entry;
      return !(body.type === 'document' && body.audience === 'national');
    })
    .join('\n');
}

describe('canaries through every command (issue 11: nothing withheld on any disk, log or message)', () => {
  beforeAll(async () => {
    started = Date.now();
    smtp = await startSmtp();
    root = await mkdtemp(join(tmpdir(), 'cci-canary-'));
    for (const k of ['home', 'tmp', 'cache', 'state', 'logs', 'out'] as const) {
      dirs[k] = join(root, k);
      await mkdir(dirs[k], { recursive: true });
    }
    dirs.good = join(root, 'data-good');
    dirs.bad = join(root, 'data-bad');
    dirs.init = join(root, 'out', 'init');
    await writeCanaryData(dirs.good, C, DAY);
    await writeBrokenData(dirs.bad, C, DAY);
    const out = (name: string) => join(dirs.out, name);
    const all = ['--audience', 'partners,national,country:all'];
    const formats = ['--format', 'html,pdf,json,stix,csv'];

    await cci('init', ['init', dirs.init], 0);
    await cci('validate', ['validate', '--data', dirs.good], 0);
    await cci('validate, broken data', ['validate', '--data', dirs.bad], 3);
    await cci('validate, broken data, in French', ['validate', '--data', dirs.bad], 3, { CCI_LANG: 'fr' });
    await cci('doctor', ['doctor', '--data', dirs.good], 0);
    await cci(
      'brief, broken data',
      ['brief', '--division', 'all', '--date', DAY, '--data', dirs.bad, '--out', out('bad'), ...all, ...formats],
      3,
    );
    // again, with the earlier day's files counted from the cache (ids of RED records there too)
    await cci(
      'brief, broken data, again',
      ['brief', '--division', 'all', '--date', DAY, '--data', dirs.bad, '--out', out('bad'), ...all, ...formats],
      3,
    );
    await cci(
      'brief, every audience and format',
      ['brief', '--division', 'all', '--date', DAY, '--data', dirs.good, '--out', out('docs'), ...all, ...formats],
      0,
    );
    await cci(
      'brief, each language',
      [
        'brief',
        '--division',
        'all',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('docs'),
        ...all,
        ...formats,
        '--lang',
        'fr,en',
      ],
      0,
    );
    await cci(
      'brief --draft',
      [
        'brief',
        '--division',
        'all',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('docs'),
        ...all,
        ...formats,
        '--draft',
      ],
      0,
    );

    // cron: the printed lines, run through sh with the printed environment (and the SMTP URL
    // the crontab is told to set), in cron's own sparse environment
    await mkdir(out('cron'), { recursive: true });
    const schedule = await cci('schedule', ['schedule', '--data', dirs.good, '--out', out('cron')], 0);
    const tab = crontab(schedule.stdout);
    expect(tab.env.CRON_TZ).toBe('Europe/Paris');
    expect(tab.commands).toHaveLength(2);
    for (const command of tab.commands) {
      const cronEnv = {
        ...tab.env,
        CCI_SMTP_URL: smtp.url,
        HOME: dirs.home,
        LOGNAME: 'duty-officer',
        USER: 'duty-officer',
        SHELL: '/bin/sh',
        PATH: '/usr/bin:/bin',
        TMPDIR: dirs.tmp,
        ...(TEST_BROWSER !== undefined && { CCI_BROWSER: TEST_BROWSER }),
      };
      const r = await spawnRun('/bin/sh', ['-c', command], cronEnv);
      runs.push({ name: 'cron line', args: [command], ...r });
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
    }
    const cronLog = await readFile(join(dirs.logs, 'cci-cron.log'), 'utf8');
    expect(cronLog).toMatch(/cci brief renseignement partners,national,country:all: exit 0/);
    expect(cronLog).toMatch(/cci brief securite partners,national,country:all: exit 0/);
    expect(smtp.received).toHaveLength(10);

    // issued by hand and by email (the register), approval, a late report, the corrigendum
    await cci(
      'brief --email',
      [
        'brief',
        '--division',
        'securite',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        ...all,
        '--format',
        'pdf,html,json',
        '--email',
      ],
      0,
    );
    await cci(
      'brief --issue',
      [
        'brief',
        '--division',
        'renseignement',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        ...all,
        '--format',
        'pdf,json',
        '--issue',
        '--by',
        'duty officer',
      ],
      0,
    );
    await cci(
      'approve',
      ['approve', '--division', 'securite', '--date', D1, '--audience', 'partners', '--data', dirs.good],
      0,
    );
    const held = await cci(
      'brief --email --require-approval',
      [
        'brief',
        '--division',
        'securite',
        '--date',
        D1,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        '--audience',
        'partners,national',
        '--format',
        'pdf',
        '--email',
        '--require-approval',
      ],
      9,
    );
    expect(held.stderr).toMatch(/national/);
    expect(smtp.received.filter((m) => m.to.includes('duty@example.org'))).toHaveLength(1);

    await writeFile(join(dirs.good, DAY, 'incidents-late.yaml'), lateIncidents(C, DAY));
    await cci(
      'brief, late reports',
      [
        'brief',
        '--division',
        'securite',
        '--date',
        NEXT,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        ...all,
        '--format',
        'pdf,json',
      ],
      0,
    );
    await cci(
      'brief --email, changed',
      [
        'brief',
        '--division',
        'securite',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        ...all,
        '--format',
        'pdf',
        '--email',
      ],
      8,
    );
    await cci(
      'brief, the corrigendum to read',
      [
        'brief',
        '--division',
        'securite',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        ...all,
        '--format',
        'pdf,json',
      ],
      0,
    );
    await cci(
      'brief --email --amend',
      [
        'brief',
        '--division',
        'securite',
        '--date',
        DAY,
        '--data',
        dirs.good,
        '--out',
        out('mail'),
        ...all,
        '--format',
        'pdf',
        '--email',
        '--amend',
      ],
      0,
    );

    await cci('history', ['history', '--data', dirs.good], 0);
    await cci('history --format json', ['history', '--data', dirs.good, '--format', 'json'], 0);
    await cci(
      'verify, issued',
      ['verify', join(out('mail'), `cci-${DAY}-securite-national.pdf`), '--data', dirs.good],
      0,
    );
    await cci(
      'verify, a draft',
      ['verify', join(out('docs'), `cci-${DAY}-securite-partners-draft.pdf`), '--data', dirs.good],
      11,
    );

    const q = (division: string, audience: string, extra = '') =>
      `division=${division}&date=${DAY}&audience=${audience}${extra}`;
    const pages: { path: string; national: boolean; status: number }[] = [{ path: '/', national: false, status: 200 }];
    for (const division of ['securite', 'renseignement']) {
      for (const audience of ['partners', 'national', 'country:DEU']) {
        const nat = audience === 'national';
        pages.push({ path: `/brief?${q(division, audience)}`, national: nat, status: 200 });
        for (const lang of ['', '&lang=fr', '&lang=en'])
          pages.push({ path: `/doc?${q(division, audience, lang)}`, national: nat, status: 200 });
      }
    }
    pages.push({ path: `/pdf?${q('securite', 'partners')}`, national: false, status: 200 });
    pages.push({ path: `/pdf?${q('securite', 'national')}`, national: true, status: 200 });
    await preview('preview', dirs.good, pages);
    await preview('preview, broken data', dirs.bad, [
      { path: '/', national: false, status: 200 },
      { path: `/brief?${q('securite', 'partners')}`, national: false, status: 200 },
      { path: `/doc?${q('securite', 'partners')}`, national: false, status: 422 },
      { path: `/pdf?${q('securite', 'partners')}`, national: false, status: 422 },
    ]);
  }, 900_000);

  afterAll(async () => {
    await smtp?.close();
    await removeScratch();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('ran every command, and the search finds what it must where it must (it cannot pass vacuously)', async () => {
    const names = new Set(runs.map((r) => r.args[0]));
    for (const c of ['init', 'validate', 'doctor', 'brief', 'schedule', 'approve', 'history', 'verify', 'preview'])
      expect(names, c).toContain(c);
    expect(runs.filter((r) => r.name === 'cron line')).toHaveLength(2);

    const docs = join(dirs.out, 'docs');
    const nationalPdf = await viewsOf(await readFile(join(docs, `cci-${DAY}-securite-national.pdf`)));
    expect(found(nationalPdf, [C.strict, C.sf, C.control, C.red])).toEqual([C.strict, C.sf, C.control]);
    const partnersPdf = await viewsOf(await readFile(join(docs, `cci-${DAY}-securite-partners.pdf`)));
    expect(found(partnersPdf, [C.control])).toEqual([C.control]);
    for (const f of [
      `cci-${DAY}-renseignement-national-fr.pdf`,
      `cci-${DAY}-securite-national-draft.json`,
      `cci-${DAY}-securite-national.stix.json`,
    ]) {
      expect(found(await viewsOf(await readFile(join(docs, f))), [C.strict]), f).toEqual([C.strict]);
    }
    // the late reports of the next day: the AMBER+STRICT late record for the national authorities only
    const late = (audience: string) =>
      readFile(join(dirs.out, 'mail', `cci-${NEXT}-securite-${audience}.json`), 'utf8');
    expect(await late('national')).toContain(`${C.strict}-INC-LATE`);
    expect(await late('partners')).toContain(`${C.control}-INC-LATE`);

    // emails: 10 from cron, 5 issued, 1 approved + the duty desk's notice, 5 corrigenda
    expect(smtp.received).toHaveLength(22);
    const nationalMails = smtp.received.filter(isNationalEmail);
    expect(nationalMails.length).toBeGreaterThanOrEqual(4);
    for (const m of nationalMails) {
      expect(found(await emailViews(m.raw), [C.strict])).toEqual([C.strict]);
      expect(
        found(pdfAttachments(m.raw).length > 0 ? await viewsOf(pdfAttachments(m.raw)[0]!) : [], [C.strict]),
      ).toEqual([C.strict]);
    }
    for (const m of smtp.received.filter((x) => !isNationalEmail(x) && !x.to.includes('duty@example.org'))) {
      expect(found(await emailViews(m.raw), [C.control]), m.to.join()).toEqual([C.control]);
    }

    const nationalPages = served.filter((s) => s.national && s.status === 200);
    expect(nationalPages.length).toBeGreaterThan(8);
    for (const s of nationalPages.filter((p) => !p.name.includes('/brief?')))
      expect(found(await viewsOf(s.body), [C.strict]), s.name).toEqual([C.strict]);
    for (const s of served.filter((p) => !p.national && p.name.includes('/doc?') && p.status === 200)) {
      expect(found(await viewsOf(s.body), [C.control]), s.name).toEqual([C.control]);
    }

    // the search itself: the data folder holds every canary; base64 and quoted-printable are read
    expect(
      found(await viewsOf(await readFile(join(dirs.good, DAY, 'incidents.yaml'))), [C.red, C.strict, C.sf]),
    ).toEqual([C.red, C.strict, C.sf]);
    const planted = `Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(`xx ${C.red} yy`).toString('base64')}\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${C.strict.slice(0, 5)}=\r\n${C.strict.slice(5)}\r\n--b--\r\n`;
    expect(found(await emailViews(planted), [C.red, C.strict])).toEqual([C.red, C.strict]);
    expect(found(await viewsOf(Buffer.from(`{"x":"${Buffer.from(`..${C.sf}`).toString('base64')}"}`)), [C.sf])).toEqual(
      [C.sf],
    );
    expect(found(await viewsOf(Buffer.from(C.red, 'utf16le')), [C.red])).toEqual([C.red]);
  });

  it('writes no RED canary anywhere: no file under HOME, cache, state, logs, output or TMPDIR, no output, no email, no page', async () => {
    const files = (await filesUnder(root)).filter(
      (f) => !f.startsWith(`${dirs.good}/`) && !f.startsWith(`${dirs.bad}/`),
    );
    expect(files.length).toBeGreaterThan(200);
    const leaks: string[] = [];
    for (const f of files)
      if (found(await viewsOf(await readFile(f)), [C.red]).length > 0) leaks.push(relative(root, f));
    for (const r of runs) {
      if (found([r.stdout], [C.red]).length > 0) leaks.push(`stdout of ${r.name}`);
      if (found([r.stderr], [C.red]).length > 0)
        leaks.push(
          `stderr of ${r.name}: ${r.stderr.split('\n').find((l) => l.toLowerCase().includes(C.red.toLowerCase()))}`,
        );
    }
    for (const m of smtp.received)
      if (found(await emailViews(m.raw), [C.red]).length > 0) leaks.push(`email to ${m.to.join()}`);
    for (const s of served) if (found(await viewsOf(s.body), [C.red]).length > 0) leaks.push(`page ${s.name}`);
    expect(leaks).toEqual([]);
  });

  it('writes the AMBER+STRICT and Spécial France canaries only into national documents, national emails and pages, and the national entries of the register', async () => {
    const files = (await filesUnder(root)).filter(
      (f) => !f.startsWith(`${dirs.good}/`) && !f.startsWith(`${dirs.bad}/`),
    );
    const leaks: string[] = [];
    for (const f of files) {
      if (national(f)) continue;
      const bytes = await readFile(f);
      const views =
        basename(f) === 'register.jsonl' ? [registerOutsideNational(bytes.toString('utf8'))] : await viewsOf(bytes);
      const hits = found(views, WITHHELD);
      if (hits.length > 0) leaks.push(`${relative(root, f)}: ${hits.join(', ')}`);
    }
    for (const r of runs) {
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        const hits = found([text], WITHHELD);
        if (hits.length > 0)
          leaks.push(
            `${stream} of ${r.name}: ${text.split('\n').find((l) => hits.some((h) => l.toLowerCase().includes(h.toLowerCase())))}`,
          );
      }
    }
    for (const m of smtp.received.filter((x) => !isNationalEmail(x))) {
      const hits = found(await emailViews(m.raw), WITHHELD);
      if (hits.length > 0) leaks.push(`email to ${m.to.join()}: ${hits.join(', ')}`);
    }
    for (const s of served.filter((p) => !p.national)) {
      const hits = found(await viewsOf(s.body), WITHHELD);
      if (hits.length > 0) leaks.push(`page ${s.name}: ${hits.join(', ')}`);
    }
    // the register keeps texts as digests only, even of national documents
    for (const f of files.filter((x) => basename(x) === 'register.jsonl')) {
      const text = await readFile(f, 'utf8');
      for (const word of ['fait D en français', 'fact D in English', 'commune', 'key message', 'assessment body']) {
        expect(
          text.includes(`${C.strict} ${word}`) || text.includes(`${C.strict}-${word}`),
          `${relative(root, f)}: ${word}`,
        ).toBe(false);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("leaves nothing holding a canary outside its own folders (the real temporary folder, the user's cache, config and state)", async () => {
    const home = homedir();
    const places = [
      tmpdir(),
      join(home, '.cache', 'cci'),
      join(home, '.config', 'chromium'),
      join(home, '.local', 'state', 'cci'),
    ];
    const leaks: string[] = [];
    for (const place of places) {
      for (const f of await filesUnder(place)) {
        if (f.startsWith(`${root}/`) || f.includes('cci-canary-scratch-')) continue;
        const s = await stat(f).catch(() => undefined);
        if (!s || s.mtimeMs < started - 1000 || s.size > 32 * 1024 * 1024) continue;
        const bytes = await readFile(f).catch(() => undefined);
        if (
          bytes &&
          found([bytes.toString('latin1'), bytes.toString('utf16le')], [C.red, C.strict, C.sf, C.control]).length > 0
        )
          leaks.push(f);
      }
    }
    expect(leaks).toEqual([]);
  });
});
