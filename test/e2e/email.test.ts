// `cci brief --email` end to end: the built command, real Chromium, a real SMTP server.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  header,
  startSilentServer,
  mimeParts,
  partContent,
  partHeader,
  startSmtp,
  textPart,
  type Harness,
} from '../deliver/smtp-harness.js';
import { BIN, cci, copyFixture, E2E_CACHE_DIR, pdfText, readJson, ROOT, tempDir } from './helpers.js';

const DATA = join(ROOT, 'fixtures', 'e2e');
/** `cci brief` of 5 August, Sécurité générale, for the national audience, as PDF, emailed. */
const nationalPdfEmail = (data: string, out: string): string[] => [
  'brief',
  '--division',
  'securite',
  '--date',
  '2024-08-05',
  '--data',
  data,
  '--out',
  out,
  '--audience',
  'national',
  '--format',
  'pdf',
  '--email',
];
/**
 * Runs `cci brief` against a server that takes the whole message and never answers, and stops
 * the run with `signal` once the server holds the message (before its answer).
 */
async function stopWhileSending(brief: string[], state: string, signal: NodeJS.Signals): Promise<void> {
  const hang = await startSmtp({ hangAfterData: true });
  const child = spawn(process.execPath, [BIN, ...brief], {
    env: { ...process.env, CCI_LANG: 'en', CCI_SMTP_URL: hang.url, CCI_STATE_DIR: state, CCI_CACHE_DIR: E2E_CACHE_DIR },
    stdio: 'ignore',
  });
  const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  expect(await eventually(() => hang.dataReceived === 1, 20_000), signal).toBe(true);
  child.kill(signal);
  await ended;
  await hang.close();
}

let smtp: Harness | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('cci brief --email', () => {
  it('sends each country its own PDF only, marked first in the subject and the body, and does not send twice', async () => {
    smtp = await startSmtp();
    const out = await tempDir();
    const args = [
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      DATA,
      '--out',
      out,
      '--audience',
      'country:all',
      '--format',
      'pdf',
      '--email',
    ];
    const r = await cci(args, { env: { CCI_SMTP_URL: smtp.url } });
    expect(r.code, r.stderr).toBe(0);
    expect(smtp.received).toHaveLength(3);
    for (const country of ['DEU', 'BRA', 'USA']) {
      const mail = smtp.received.find((m) => m.to.includes(`lo-${country.toLowerCase()}@example.org`));
      expect(mail, country).toBeDefined();
      expect(mail!.to).toEqual([`lo-${country.toLowerCase()}@example.org`]);
      expect(header(mail!.raw, 'subject')).toMatch(/^\[TLP:GREEN\] /);
      expect(textPart(mail!.raw, 'text/plain').trimStart()).toMatch(/^TLP:GREEN/);
      const pdf = mimeParts(mail!.raw).find((p) =>
        (partHeader(p, 'content-type') ?? '').startsWith('application/pdf'),
      )!;
      const name = `cci-2024-08-05-securite-country-${country}.pdf`;
      expect(partHeader(pdf, 'content-disposition')).toContain(name);
      expect(partContent(pdf).equals(await readFile(join(out, name)))).toBe(true);
    }
    const deuBody = textPart(smtp.received.find((m) => m.to.includes('lo-deu@example.org'))!.raw, 'text/plain');
    expect(deuBody).not.toContain('STRICT-MESSAGE');

    const again = await cci(args, { env: { CCI_SMTP_URL: smtp.url } });
    expect(again.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(again.stderr).toMatch(
      /issued on 20\d\d-\d\d-\d\d \d\d:\d\d \(version 1, original\) and unchanged since: nothing sent/,
    );
    // and in French, every word of it
    const encore = await cci(args, { env: { CCI_SMTP_URL: smtp.url, CCI_LANG: 'fr' } });
    expect(encore.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(encore.stderr).toMatch(/diffusé le .* et inchangé depuis : rien n’est envoyé/);
    expect(encore.stderr).not.toMatch(/issued|unchanged|nothing sent|already|use --resend/);
  });

  it('fails with exit 6 naming a refused recipient, and keeps the PDFs on disk', async () => {
    smtp = await startSmtp({ refuse: { 'cabinet@example.org': { code: 550, message: 'No such user' } } });
    const out = await tempDir();
    const r = await cci(
      [
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        DATA,
        '--out',
        out,
        '--audience',
        'national',
        '--format',
        'pdf',
        '--email',
      ],
      { env: { CCI_SMTP_URL: smtp.url } },
    );
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('cabinet@example.org');
    expect(r.stdout.trim()).toBe(join(out, 'cci-2024-08-05-securite-national.pdf'));
    expect((await readFile(r.stdout.trim())).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sends nothing and says what is missing when CCI_SMTP_URL is not set', async () => {
    const out = await tempDir();
    const r = await cci(
      [
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        DATA,
        '--out',
        out,
        '--format',
        'pdf',
        '--email',
      ],
      { env: { CCI_SMTP_URL: '' } },
    );
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/CCI_SMTP_URL is not set/);
  });

  it('sends nothing, writes nothing and records nothing when the send log cannot be read (a named pipe, a folder, a link in its place)', async () => {
    smtp = await startSmtp();
    for (const make of [
      (log: string) => spawnSync('mkfifo', [log]).status === 0,
      async (log: string) => (await mkdir(log), true),
      async (log: string) => (await symlink('/dev/zero', log), true),
    ]) {
      const out = await tempDir();
      const state = join(await tempDir(), 'state');
      const log = join(out, '.cci-sent.jsonl');
      expect(await make(log)).toBe(true);
      const r = await cci(
        [
          'brief',
          '--division',
          'securite',
          '--date',
          '2024-08-05',
          '--data',
          DATA,
          '--out',
          out,
          '--format',
          'pdf',
          '--email',
        ],
        { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state } },
      );
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toMatch(
        new RegExp(
          `^nothing was written or emailed: the send log ${log.replace(/[.]/g, '\\.')} cannot be read \\((not a regular file|it is a folder|it is a symbolic link, which cci does not follow here)\\)`,
        ),
      );
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect((await readdir(out)).filter((f) => f !== '.cci-sent.jsonl')).toEqual([]);
      expect(existsSync(state), 'nothing recorded').toBe(false);
    }
    expect(smtp.received).toEqual([]);
    expect(smtp.mailFrom).toBe(0);
  }, 60_000);

  it('exits 6 within the socket limit when the server takes the message and stops answering, having sent it once; a changed briefing then goes out only as its corrigendum', async () => {
    smtp = await startSmtp({ hangAfterData: true });
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const started = Date.now();
    const r = await cci(nationalPdfEmail(data, out), {
      env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state },
      timeoutMs: 90_000,
    });
    const elapsed = Date.now() - started;
    expect(r.code, r.stderr).toBe(6);
    // the PDF, then 15 s of silence from the server (the socket limit), then the process ends
    expect(elapsed).toBeLessThan(60_000);
    expect(smtp.dataReceived).toBe(1);
    expect(smtp.mailFrom).toBe(1);
    expect(r.stderr).toContain('it may or may not have been delivered');
    expect(r.stderr).toContain('--resend');
    const log = (await readFile(join(out, '.cci-sent.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status?: string });
    expect(log.map((l) => l.status)).toEqual(['sending', 'uncertain']);

    // the register says what the send log says: a recipient may hold this PDF
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    const pdf = join(out, 'cci-2024-08-05-securite-national.pdf');
    const told = async () => {
      const verify = await cci(['verify', pdf], { env });
      expect(verify.code, verify.stderr).toBe(12);
      expect(verify.stdout).toContain(`${pdf} was emailed, and its delivery is uncertain: a recipient may hold it`);
      expect(verify.stdout).toMatch(
        /emailed \d{4}-\d\d-\d\d \d\d:\d\d, delivery uncertain: the server may have taken the message for cabinet@example\.org/,
      );
      const history = await cci(['history'], { env });
      expect(history.code, history.stderr).toBe(0);
      expect(history.stdout).toContain(
        'delivery uncertain: the server may have taken the message for cabinet@example.org',
      );
      const rows = JSON.parse((await cci(['history', '--format', 'json'], { env })).stdout) as {
        status: string;
        recipients: { status?: string }[];
      }[];
      expect(rows.map((r) => [r.status, r.recipients.map((x) => x.status)])).toEqual([['uncertain', ['uncertain']]]);
    };
    const brief = nationalPdfEmail(data, out);
    await told();

    const again = await cci(brief, { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('may already have it');
    expect(smtp.dataReceived).toBe(1);
    await told();

    // the data change after that: the briefing may have been read as version 1, so the change
    // is its corrigendum No. 1 (with --amend), never a second version 1 over the emailed file
    const original = await readFile(pdf);
    await appendFile(
      join(data, '2024-08-05', 'incidents.yaml'),
      '- id: E2E-AFTER-UNCERTAIN\n  time: 2024-08-05T08:30:00+02:00\n  category: other\n  severity: low\n  departement: "75"\n  summary_fr: Ajout après l’envoi incertain.\n  summary_en: Added after the uncertain sending.\n',
    );
    const server = smtp;
    smtp = await startSmtp();
    await server.close();
    const envOk = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    const changed = await cci(brief, { env: envOk });
    expect(changed.code, changed.stderr).toBe(8);
    expect(changed.stderr).toContain('its delivery is uncertain');
    expect(changed.stderr).toContain('it can be sent again only as corrigendum No. 1, never as a second original');
    expect(changed.stderr).toContain('--amend');
    expect(smtp.received).toHaveLength(0);
    const amended = await cci([...brief, '--amend'], { env: envOk });
    expect(amended.code, amended.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['cabinet@example.org']]);
    const corrigendum = join(out, 'cci-2024-08-05-securite-national-rectificatif-1.pdf');
    const text = await pdfText(corrigendum);
    expect(text).toContain('CORRIGENDUM No. 1');
    expect(text).toContain('Added after the uncertain sending.');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'whose delivery was not confirmed (you may or may not have received it)',
    );
    expect(textPart(smtp.received[0]!.raw, 'text/plain').replace(/\s+/g, ' ')).toContain(
      'whose delivery was not confirmed',
    );
    expect((await readFile(pdf)).equals(original)).toBe(true);
    const rows = JSON.parse((await cci(['history', '--format', 'json'], { env: envOk })).stdout) as {
      status: string;
      version: number;
      corrigendum: number;
    }[];
    expect(rows.map((r) => [r.status, r.version, r.corrigendum])).toEqual([
      ['uncertain', 1, 0],
      ['issued', 2, 1],
    ]);
    const verify = await cci(['verify', pdf], { env: envOk });
    expect(verify.code).toBe(12);
    expect(verify.stdout).toContain('it has been superseded by version 2 (corrigendum No. 1), issued');
    // superseded: the correction is what to send, not this file again
    expect(verify.stdout).toContain('A later version supersedes it');
    expect(verify.stdout).not.toContain('--resend');
  }, 120_000);

  it('counts the addresses served before when a rerun reaches the last one: issued to 2 of 2, not 1 of 2', async () => {
    const data = await copyFixture('e2e');
    const eventFile = join(data, 'event.yaml');
    await writeFile(
      eventFile,
      (await readFile(eventFile, 'utf8')).replace(
        'national: [cabinet@example.org] }',
        'national: [cabinet@example.org, cab2@example.org] }',
      ),
    );
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const brief = nationalPdfEmail(data, out);
    smtp = await startSmtp({ refuse: { 'cab2@example.org': { code: 550, message: 'No such user' } } });
    const first = await cci(brief, { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state } });
    expect(first.code, first.stderr).toBe(6);
    expect(first.stderr).toContain(
      'cci-2024-08-05-securite-national.pdf: issued (version 1, original) to 1 of 2 addresses',
    );
    await smtp.close();
    smtp = await startSmtp();
    const again = await cci(brief, { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state } });
    expect(again.code, again.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['cab2@example.org']]);
    expect(again.stderr).toContain(
      'cci-2024-08-05-securite-national.pdf: issued (version 1, original) to 2 of 2 addresses',
    );
  }, 120_000);

  it('sends a corrigendum to every address that received or may hold version 1, and --resend reaches an uncertain address though another one was served', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const brief = nationalPdfEmail(data, out);
    smtp = await startSmtp();
    const first = await cci(brief, { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state } });
    expect(first.code, first.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['cabinet@example.org']]);
    // an address added to the list; its sending breaks after the server took the message
    const eventFile = join(data, 'event.yaml');
    await writeFile(
      eventFile,
      (await readFile(eventFile, 'utf8')).replace(
        'securite:      { partners: [all-officers@example.org], national: [cabinet@example.org] }',
        'securite:      { partners: [all-officers@example.org], national: [cabinet@example.org, cab2@example.org] }',
      ),
    );
    const ok = smtp;
    smtp = await startSmtp({ hangAfterData: true });
    const broken = await cci(brief, { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state }, timeoutMs: 90_000 });
    expect(broken.code, broken.stderr).toBe(6);
    expect(smtp.dataReceived).toBe(1);
    await smtp.close();
    smtp = ok;
    const env = { CCI_SMTP_URL: ok.url, CCI_STATE_DIR: state };
    const again = await cci(brief, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('cab2@example.org may already have it');
    expect(ok.received).toHaveLength(1);
    const resent = await cci([...brief, '--resend'], { env });
    expect(resent.code, resent.stderr).toBe(0);
    expect(
      ok.received
        .slice(1)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['cab2@example.org', 'cabinet@example.org']);
    // then a change: its corrigendum goes to both, the one served first and the one added since
    await appendFile(
      join(data, '2024-08-05', 'incidents.yaml'),
      '- id: E2E-AFTER-RESEND\n  time: 2024-08-05T08:40:00+02:00\n  category: other\n  severity: low\n  departement: "75"\n  summary_fr: Ajout.\n  summary_en: Added.\n',
    );
    const before = ok.received.length;
    const amended = await cci([...brief, '--amend'], { env });
    expect(amended.code, amended.stderr).toBe(0);
    expect(
      ok.received
        .slice(before)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['cab2@example.org', 'cabinet@example.org']);
  }, 120_000);

  it('never forgets a message a run was sending when it was stopped: the next runs take it as possibly delivered (SIGTERM and SIGKILL while the server holds it)', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const data = await copyFixture('e2e');
      const out = await tempDir();
      const state = join(await tempDir(), 'state');
      const brief = nationalPdfEmail(data, out);
      await stopWhileSending(brief, state, signal);
      const pdf = join(out, 'cci-2024-08-05-securite-national.pdf');
      const sent = await readFile(pdf);

      // the data changes; a run without --email must not write over the file that went out
      await appendFile(
        join(data, '2024-08-05', 'incidents.yaml'),
        '- id: E2E-AFTER-STOP\n  time: 2024-08-05T08:30:00+02:00\n  category: other\n  severity: low\n  departement: "75"\n  summary_fr: Ajout.\n  summary_en: Added.\n',
      );
      smtp = await startSmtp();
      const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
      const plain = await cci(
        brief.filter((a) => a !== '--email'),
        { env },
      );
      // it counts the stopped delivery as the send log tells (uncertain): its files are the corrigendum's
      expect(plain.code, `${signal}: ${plain.stderr}`).toBe(0);
      expect(plain.stderr).toContain(
        'with an uncertain delivery (a recipient may hold it) and its content has changed since',
      );
      expect((await readFile(pdf)).equals(sent)).toBe(true);
      // with --email: recorded as possibly delivered, so the change is its corrigendum
      const changed = await cci(brief, { env });
      expect(changed.code, `${signal}: ${changed.stderr}`).toBe(8);
      expect(changed.stderr).toContain(
        "may have reached cabinet@example.org: a run stopped while sending it, before the server's answer was recorded",
      );
      expect(changed.stderr).toContain('its delivery is uncertain');
      expect(smtp.received).toHaveLength(0);
      const verify = await cci(['verify', pdf], { env });
      expect(verify.code, verify.stdout).toBe(12);
      const amended = await cci([...brief, '--amend'], { env });
      expect(amended.code, amended.stderr).toBe(0);
      expect(smtp.received.map((m) => m.to)).toEqual([['cabinet@example.org']]);
      expect(header(smtp.received[0]!.raw, 'subject')).toMatch(/RECTIFICATIF|CORRIGENDUM/);
      expect((await readFile(pdf)).equals(sent)).toBe(true);
      await smtp.close();
      smtp = undefined;
    }
  }, 120_000);

  it('records what a stopped run sent when the next run is of another date (the next day’s cron), so a fact reported late for that window is briefed', async () => {
    const data = await copyFixture('e2e');
    // the general security briefing with its late reports
    const eventFile = join(data, 'event.yaml');
    await writeFile(
      eventFile,
      (await readFile(eventFile, 'utf8')).replace('key_figures, forces', 'key_figures, late_reports, forces'),
    );
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    // 5 August, national: stopped while the server holds the message
    await stopWhileSending(nationalPdfEmail(data, out), state, 'SIGKILL');
    // then a theft of that window is reported
    await appendFile(
      join(data, '2024-08-05', 'incidents.yaml'),
      '- id: E2E-LATE-AFTER-STOP\n  time: 2024-08-05T08:30:00+02:00\n  category: theft\n  severity: high\n  departement: "75"\n  summary_fr: Vol signalé tard.\n  summary_en: Theft reported late.\n',
    );
    smtp = await startSmtp();
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    const sixth = (...extra: string[]) =>
      cci(
        [
          'brief',
          '--division',
          'securite',
          '--date',
          '2024-08-06',
          '--data',
          data,
          '--out',
          out,
          '--audience',
          'national',
          ...extra,
        ],
        {
          env,
        },
      );
    const late = async () =>
      (
        await readJson<{ lateReports: { items: { windowDate: string; incident: { id: string } }[] } }>(
          join(out, 'cci-2024-08-06-securite-national.json'),
        )
      ).lateReports.items.map((i) => [i.windowDate, i.incident.id]);
    // a plain run of 6 August already counts the 5 August briefing as held: its late reports are those cron will send
    const plain = await sixth('--format', 'json');
    expect(plain.code, plain.stderr).toBe(0);
    expect(await late()).toEqual([['2024-08-05', 'E2E-LATE-AFTER-STOP']]);
    // cron's run of 6 August records the 5 August delivery from the send log, and briefs the theft
    const cron = await sixth('--format', 'pdf,json', '--email');
    expect(cron.code, cron.stderr).toBe(0);
    expect(cron.stderr).toContain(
      "securite 2024-08-05 national (version 1, original) may have reached cabinet@example.org: a run stopped while sending it, before the server's answer was recorded; recorded now as uncertain",
    );
    expect(await late()).toEqual([['2024-08-05', 'E2E-LATE-AFTER-STOP']]);
    expect(smtp.received.map((m) => m.to)).toEqual([['cabinet@example.org']]);
    // and the copy the recipient may hold is known as such
    const verify = await cci(['verify', join(out, 'cci-2024-08-05-securite-national.pdf')], { env });
    expect(verify.code, verify.stdout).toBe(12);
    const history = await cci(['history', '--date', '2024-08-05', '--data', data], { env });
    expect(history.stdout).toContain('cabinet@example.org');
  }, 120_000);

  it('keeps saying that a run stopped while sending it, once the register has recorded it from the send log, on every later run', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const brief = nationalPdfEmail(data, out);
    await stopWhileSending(brief, state, 'SIGKILL');
    smtp = await startSmtp();
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    // the same data: the first run after records it from the send log, the next from the register
    for (const run of ['recovers', 'reads the register']) {
      const again = await cci(brief, { env });
      expect(again.code, `${run}: ${again.stderr}`).toBe(0);
      expect(again.stderr, run).toContain('cabinet@example.org may already have it');
      expect(again.stderr, run).toContain('a run stopped while sending it, before the server');
      expect(again.stderr, run).not.toContain('broke off');
    }
    expect(smtp.received).toHaveLength(0);
    await smtp.close();
    smtp = undefined;
  }, 120_000);

  it('says that the emails went out when the register cannot record them after sending, and the next run records them without sending again', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const register = join(state, 'register.jsonl');
    let saved = '';
    // while the server takes the message, the register becomes a folder: the delivery cannot be recorded
    smtp = await startSmtp({
      rejectDataWhen: () => {
        saved = readFileSync(register, 'utf8');
        rmSync(register);
        mkdirSync(register);
        return undefined;
      },
    });
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    const first = await cci(nationalPdfEmail(data, out), { env });
    expect(first.code, first.stderr).toBe(10);
    expect(smtp.received.map((m) => m.to)).toEqual([['cabinet@example.org']]);
    expect(first.stderr).toContain('cci-2024-08-05-securite-national.pdf: sent to cabinet@example.org');
    expect(first.stderr).toContain(
      `the register of issued briefings is not a regular file: refused. The emails this run sent went out all the same (see above) and are in its send log ${join(out, '.cci-sent.jsonl')}: once the register is repaired, the next run records them in it and sends none of them again.`,
    );
    expect(first.stderr).not.toMatch(/\n\s+at /);
    // the register put back as it was: the next run records the delivery, and sends nothing
    rmSync(register, { recursive: true });
    writeFileSync(register, saved, { mode: 0o600 });
    await smtp.close();
    smtp = await startSmtp();
    const again = await cci(nationalPdfEmail(data, out), { env: { ...env, CCI_SMTP_URL: smtp.url } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(
      'was sent to cabinet@example.org by a run that stopped before recording it: recorded now from the send log',
    );
    expect(again.stderr).toContain('unchanged since: nothing sent');
    expect(smtp.received).toHaveLength(0);
  }, 60_000);

  it('says that the emails went out, exit 10, when the register lock cannot be written after sending (not exit 4, not "nothing replaced")', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    // while the server takes the message, the register's lock becomes a folder: it cannot be taken
    smtp = await startSmtp({
      rejectDataWhen: () => {
        mkdirSync(join(state, '.cci-register.lock'));
        return undefined;
      },
    });
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    const first = await cci(nationalPdfEmail(data, out), { env });
    expect(smtp.received).toHaveLength(1);
    expect(first.code, first.stderr).toBe(10);
    expect(first.stderr).toContain('The emails this run sent went out all the same (see above)');
    expect(first.stderr).not.toContain('No file of this run was replaced');
  }, 60_000);

  it('says what the delivery reported (uncertain) beside a register that could not record it, not that the emails went out', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const hang = await startSmtp({ hangAfterData: true });
    try {
      const run = cci(nationalPdfEmail(data, out), { env: { CCI_SMTP_URL: hang.url, CCI_STATE_DIR: state } });
      // once the server holds the message (and will never answer), the register's lock becomes a folder
      expect(await eventually(() => hang.dataReceived === 1, 20_000)).toBe(true);
      mkdirSync(join(state, '.cci-register.lock'));
      const r = await run;
      expect(r.code, r.stderr).toBe(10);
      expect(r.stderr).toContain('What this run may have delivered is in its send log');
      expect(r.stderr).not.toContain('went out all the same');
      expect(r.stderr).toContain('may or may not have been delivered');
    } finally {
      await hang.close();
    }
  }, 60_000);

  it('keeps a delivery the register recorded as accepted when the send log ends with a sending line for it (its outcome could not be added)', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    smtp = await startSmtp();
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    const first = await cci(nationalPdfEmail(data, out), { env });
    expect(first.code, first.stderr).toBe(0);
    // what a disk that filled up after the sending line leaves: the outcome line missing
    const logFile = join(out, '.cci-sent.jsonl');
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n');
    const sending = lines.find((l) => l.includes('"status":"sending"'))!;
    await appendFile(logFile, `${sending}\n`);
    const again = await cci(nationalPdfEmail(data, out), { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('may have reached');
    expect(again.stderr).toContain('unchanged since: nothing sent');
    const history = await cci(['history', '--data', data], { env });
    expect(history.stdout).not.toMatch(/uncertain/i);
    expect(smtp.received).toHaveLength(1);
  }, 60_000);

  it('refuses to send with a register cut back to an earlier copy, or another state folder, than the send log says was issued from (exit 10)', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    smtp = await startSmtp();
    const env = { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state };
    // 4 August issued: the register as last night's backup holds it
    const day4 = nationalPdfEmail(data, out).map((a) => (a === '2024-08-05' ? '2024-08-04' : a));
    expect((await cci(day4, { env })).code).toBe(0);
    const backup = readFileSync(join(state, 'register.jsonl'), 'utf8');
    // 5 August issued this morning
    const first = await cci(nationalPdfEmail(data, out), { env });
    expect(first.code, first.stderr).toBe(0);
    expect(smtp.received).toHaveLength(2);
    const logged = (await readFile(join(out, '.cci-sent.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { entry?: { seq: number; hash: string } });
    expect(logged.every((l) => typeof l.entry?.seq === 'number' && /^[0-9a-f]{64}$/.test(l.entry.hash))).toBe(true);
    // and the partners' briefing handed out by hand: the hand-out log names its entry too
    const handed = await cci(
      [...nationalPdfEmail(data, out).filter((a) => a !== '--email'), '--issue'].map((a) =>
        a === 'national' ? 'partners' : a,
      ),
      { env },
    );
    expect(handed.code, handed.stderr).toBe(0);

    // the state folder restored from the backup: 5 August is no longer in the register
    writeFileSync(join(state, 'register.jsonl'), backup, { mode: 0o600 });
    const restored = await cci(nationalPdfEmail(data, out), { env });
    expect(restored.code, restored.stderr).toBe(10);
    expect(restored.stderr).toMatch(
      /register\.jsonl: the register of issued briefings does not hold entry \d+, which .*\.cci-sent\.jsonl names \(cci-2024-08-05-securite-national\.pdf, 20/,
    );
    expect(restored.stderr).toContain('Nothing written or sent: put back the register');
    // cci approve refuses it too (an approval appended to it would make it look rewritten)
    const approve = await cci(
      [
        'approve',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--audience',
        'national',
        '--data',
        data,
        '--out',
        out,
      ],
      { env },
    );
    expect(approve.code, approve.stderr).toBe(10);
    expect(approve.stderr).toContain('does not hold entry');
    // each command says what it left undone: approve writes nothing, doctor writes nothing either
    expect(approve.stderr).toContain('Nothing approved: put back the register');
    // cci doctor says so too, given the output folder (exit 10 when only the register fails)
    const doctor = await cci(['doctor', '--data', data, '--out', out], { env });
    expect(doctor.stdout).toMatch(/FAIL\s+register of issued briefings: .*does not hold entry \d+/);
    expect(doctor.stdout).toContain('Every cci brief into this output folder stops there: put back the register');
    expect(doctor.stdout).not.toContain('Nothing written or sent');
    // another state folder, new: the same
    const other = await cci(nationalPdfEmail(data, out), {
      env: { ...env, CCI_STATE_DIR: join(await tempDir(), 'state') },
    });
    expect(other.code, other.stderr).toBe(10);
    expect(other.stderr).toMatch(/holds no register of issued briefings, but .*\.cci-sent\.jsonl names its entry \d+ /);
    expect(other.stderr).toContain('run with that one (--state, CCI_STATE_DIR)');
    // a plain run too (its late reports come from the register), with the way out, in local time
    const plain = await cci(
      nationalPdfEmail(data, out).filter((a) => a !== '--email'),
      { env },
    );
    expect(plain.code, plain.stderr).toBe(10);
    expect(plain.stderr).toMatch(/, 20\d\d-\d\d-\d\d \d\d:\d\d\)/);
    // the way out names both logs at once, not one refusal after the other
    expect(plain.stderr).toMatch(
      /If that register is lost for good, move .*\.cci-sent\.jsonl and .*\.cci-handed-out\.jsonl out of the output folder \(keep them/,
    );
    expect(smtp.received).toHaveLength(2);
  }, 60_000);

  it('sends a briefing whose run was stopped before the server took it (a server that never greets): nothing of it is taken as delivered', async () => {
    const data = await copyFixture('e2e');
    const out = await tempDir();
    const state = join(await tempDir(), 'state');
    const brief = nationalPdfEmail(data, out);
    const silent = await startSilentServer();
    const child = spawn(process.execPath, [BIN, ...brief], {
      env: {
        ...process.env,
        CCI_LANG: 'en',
        CCI_SMTP_URL: `smtp://127.0.0.1:${silent.port}`,
        CCI_STATE_DIR: state,
        CCI_CACHE_DIR: E2E_CACHE_DIR,
      },
      stdio: 'ignore',
    });
    const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // the PDF written, the session waiting for a greeting that never comes: stopped there
    expect(await eventually(() => existsSync(join(out, 'cci-2024-08-05-securite-national.pdf')), 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    await ended;
    await silent.close();
    smtp = await startSmtp();
    const again = await cci(brief, { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('may already have it');
    expect(smtp.received.map((m) => m.to)).toEqual([['cabinet@example.org']]);
  }, 60_000);

  it('never prints an unencoded password, and says it must be percent-encoded, before writing anything', async () => {
    smtp = await startSmtp();
    const out = join(await tempDir(), 'out');
    const r = await cci(
      [
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        DATA,
        '--out',
        out,
        '--format',
        'pdf',
        '--email',
      ],
      { env: { CCI_SMTP_URL: `smtp://cci:Pa@ssw0rd#2026@127.0.0.1:${smtp.port}` } },
    );
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(
      `smtp://***@127.0.0.1:${smtp.port}: the user name or password holds @ (%40), # (%23) as is`,
    );
    expect(r.stderr).not.toMatch(/ssw0rd|Pa@|2026/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(smtp.connections).toBe(0);
  });

  it("checks every country's list first: one short line naming those without, and nothing written", async () => {
    const data = await copyFixture('e2e');
    const partners = Object.keys(countries.getAlpha3Codes())
      .filter((c) => c !== 'FRA')
      .slice(0, 60);
    const listed = partners.slice(0, 14);
    let yaml = await readFile(join(data, 'event.yaml'), 'utf8');
    yaml = yaml
      .replace(/partners: \[.*\]/, `partners: [${partners.join(', ')}]`)
      .replace(
        /countries: .*$/m,
        `countries: { ${listed.map((c) => `${c}: [lo-${c.toLowerCase()}@example.org]`).join(', ')} }`,
      );
    await writeFile(join(data, 'event.yaml'), yaml);
    const out = join(await tempDir(), 'out');
    const r = await cci(
      [
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--data',
        data,
        '--out',
        out,
        '--audience',
        'country:all',
        '--format',
        'pdf',
        '--email',
      ],
      { env: { CCI_SMTP_URL: 'smtp://127.0.0.1:2525' } },
    );
    expect(r.code).toBe(6);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(400);
    const missing = partners.slice(14);
    expect(lines[0]).toBe(
      `nothing was written or emailed: 46 of the 60 countries of this run have no address at distribution.countries in event.yaml: ${missing.slice(0, 10).join(', ')} and 36 more (add their lists, or name in --audience the countries to send to, e.g. country:${listed[0]},country:${listed[1]})`,
    );
    expect(r.stderr).not.toContain('kept');
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });
});
