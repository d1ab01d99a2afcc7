// Issued briefings end to end (SPEC §6): the built command line, real Chromium, a real SMTP
// server. A briefing issued, a fact reported after it, the next briefing's late reports, the
// corrigendum, approval, history and verification — and the faults: a damaged register, a run
// stopped between sending and recording, two runs issuing at once.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  header,
  mimeParts,
  partContent,
  partHeader,
  startSmtp,
  textPart,
  type Harness,
} from '../deliver/smtp-harness.js';
import { cci, copyFixture, pdfText, readJson, ROOT, tempDir } from './helpers.js';

let smtp: Harness | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** The e2e fixture with the late-report section in the general security briefing. */
async function fixture(): Promise<{ data: string; out: string; state: string; env: NodeJS.ProcessEnv }> {
  const data = await copyFixture('e2e');
  const yaml = (await readFile(join(data, 'event.yaml'), 'utf8')).replace(
    'key_figures, forces',
    'key_figures, late_reports, forces',
  );
  await writeFile(join(data, 'event.yaml'), yaml);
  const root = await tempDir();
  const state = join(root, 'state');
  return { data, out: join(root, 'out'), state, env: { CCI_STATE_DIR: state } };
}

/**
 * The output folder's logs as an earlier cci wrote them, without the register entry each line
 * names (the register's witness): what the issued-file guard alone still has to go by.
 */
async function asEarlierCci(out: string): Promise<void> {
  for (const name of ['.cci-sent.jsonl', '.cci-handed-out.jsonl']) {
    const file = join(out, name);
    if (!existsSync(file)) continue;
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const older = lines.map((l) => {
      const { entry: _e, ...rest } = JSON.parse(l) as Record<string, unknown>;
      if (name === '.cci-handed-out.jsonl') delete rest.event;
      return JSON.stringify(rest);
    });
    await writeFile(file, `${older.join('\n')}\n`, { mode: 0o600 });
  }
}

const LATE = `- id: LATE-THEFT
  time: 2024-08-05T10:50:00+02:00
  category: theft
  severity: high
  departement: "75"
  summary_fr: Vol signalé après le briefing
  summary_en: Theft reported after the briefing
  arrests: 2
  tlp: GREEN
`;

const attachmentName = (raw: string) => {
  const pdf = mimeParts(raw).find((p) => (partHeader(p, 'content-type') ?? '').startsWith('application/pdf'))!;
  return /filename="?([^";]+)"?/.exec(partHeader(pdf, 'content-disposition')!)![1];
};

/** The fixture, and a run that hands out the securite briefing of a date as JSON. */
async function movingFixture() {
  const { data, out, env } = await fixture();
  const brief = (date: string) =>
    cci(
      [
        'brief',
        '--division',
        'securite',
        '--date',
        date,
        '--data',
        data,
        '--out',
        out,
        '--format',
        'json',
        '--issue',
        '--by',
        'duty',
      ],
      { env },
    );
  return { data, out, brief };
}

/** The securite division's time, from 11:30 to `time`. */
async function moveTo(data: string, time: string): Promise<void> {
  const eventFile = join(data, 'event.yaml');
  await writeFile(
    eventFile,
    (await readFile(eventFile, 'utf8')).replace('securite:      { time: "11:30"', `securite:      { time: "${time}"`),
  );
}

describe('a division whose time moves during the event', () => {
  it('compares the briefings issued over the windows they covered: no figure said revised, and the records between the old and the new time listed as late', async () => {
    const { data, out, brief } = await movingFixture();
    expect((await brief('2024-08-05')).code).toBe(0);
    // from the next day the briefing is at 12:00: the 5 August window as issued ended at 11:30
    await moveTo(data, '12:00');
    await writeFile(
      join(data, '2024-08-05', 'incidents-gap.yaml'),
      '- id: GAP-1145\n  time: 2024-08-05T11:45:00+02:00\n  category: theft\n  severity: low\n  departement: "75"\n  summary_fr: Entre deux heures.\n  summary_en: Between two times.\n',
    );
    const next = await brief('2024-08-06');
    expect(next.code, next.stderr).toBe(0);
    const model = await readJson<{
      window: { start: string };
      lateReports: { items: { windowDate: string; incident: { id: string } }[]; revisions: unknown[] };
    }>(join(out, 'cci-2024-08-06-securite-partners.json'));
    expect(model.window.start).toBe('2024-08-05T12:00:00+02:00');
    expect(model.lateReports.revisions).toEqual([]);
    // 11:30 itself (the old window's end, excluded from it) and 11:45: in no window but the gap
    expect(model.lateReports.items.map((i) => i.incident.id)).toEqual(['E2E-EDGE-END', 'GAP-1145']);
  });

  it('lists a record once when the time moved earlier: in the briefing’s own window, not again as reported late for the window issued', async () => {
    const { data, out, brief } = await movingFixture();
    expect((await brief('2024-08-04')).code).toBe(0);
    // the briefing moves to 09:00: 5 August's window (4 Aug 09:00 → 5 Aug 09:00) overlaps the one issued (→ 4 Aug 11:30)
    await moveTo(data, '09:00');
    await writeFile(
      join(data, '2024-08-04', 'incidents-overlap.yaml'),
      '- id: OVERLAP-1000\n  time: 2024-08-04T10:00:00+02:00\n  category: theft\n  severity: high\n  departement: "75"\n  summary_fr: Dans les deux fenêtres.\n  summary_en: In both windows.\n',
    );
    const next = await brief('2024-08-05');
    expect(next.code, next.stderr).toBe(0);
    const json = await readFile(join(out, 'cci-2024-08-05-securite-partners.json'), 'utf8');
    const model = JSON.parse(json) as {
      notable: { id: string }[];
      lateReports: { items: { incident: { id: string } }[] };
    };
    expect(model.notable.map((r) => r.id)).toContain('OVERLAP-1000');
    expect(model.lateReports.items.map((i) => i.incident.id)).not.toContain('OVERLAP-1000');
  });
});

describe('a briefing issued, a fact reported late, the corrigendum', () => {
  it('walks the day: issue D, a late record, D+1 reports it, D refused then amended to its own recipients, history and verify tell it all', async () => {
    smtp = await startSmtp();
    const { data, out, state, env: base } = await fixture();
    const env = { ...base, CCI_SMTP_URL: smtp.url };
    const brief = (date: string, ...extra: string[]) =>
      cci(['brief', '--division', 'securite', '--date', date, '--data', data, '--out', out, ...extra], { env });

    // 1. 5 August, 11:30: issued to the partners and the national authorities
    const d = await brief('2024-08-05', '--audience', 'partners,national', '--format', 'pdf', '--email');
    expect(d.code, d.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['all-officers@example.org'], ['cabinet@example.org']]);
    const original = join(out, 'cci-2024-08-05-securite-partners.pdf');
    const originalSha = await sha(original);
    expect((await stat(join(state, 'register.jsonl'))).mode & 0o777).toBe(0o600);
    expect(await readdir(out)).not.toContain('register.jsonl');

    // 2. a theft at 10:50 is entered at 12:40, after the briefing went out
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);

    // 3. 6 August: the theft is in the late reports, the previous period marked revised
    const next = await brief('2024-08-06', '--format', 'pdf,json');
    expect(next.code, next.stderr).toBe(0);
    const model = await readJson<{
      lateReports: { items: { status: string; windowDate: string; incident: { id: string } }[]; revisions: unknown[] };
      previous: { incidents: number };
    }>(join(out, 'cci-2024-08-06-securite-partners.json'));
    expect(model.lateReports.items.map((i) => [i.status, i.windowDate, i.incident.id])).toEqual([
      ['new', '2024-08-05', 'LATE-THEFT'],
    ]);
    expect(model.lateReports.revisions).toEqual([
      { date: '2024-08-05', serial: 15, figure: 'incidents', from: 4, to: 5 },
      { date: '2024-08-05', serial: 15, figure: 'arrests', from: 2, to: 4 },
    ]);
    const text = (await pdfText(join(out, 'cci-2024-08-06-securite-partners.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('Signalé depuis le dernier briefing');
    expect(text).toContain('Reported since the last briefing');
    expect(text).toContain('Theft reported after the briefing');
    expect(text).toContain('Previous period revised: 4 → 5');
    expect(text).toContain('Période précédente révisée : 4 → 5');

    // 4. D again with --email: refused, nothing written or sent
    const before = await readdir(out);
    const refused = await brief('2024-08-05', '--audience', 'partners,national', '--format', 'pdf', '--email');
    expect(refused.code).toBe(8);
    expect(refused.stderr).toMatch(
      /securite 2024-08-05 partners was issued on 2\d{3}-\d\d-\d\d \d\d:\d\d \(version 1, original\) and its content has changed since/,
    );
    expect(refused.stderr).toContain('--amend');
    expect(refused.stdout).toBe('');
    expect(await readdir(out)).toEqual(before);
    expect(smtp.received).toHaveLength(2);

    // without --email: the corrigendum as it would go out, under its own name, the issued file left alone
    const look = await brief('2024-08-05', '--format', 'html');
    expect(look.code, look.stderr).toBe(0);
    expect(look.stdout.trim()).toBe(join(out, 'cci-2024-08-05-securite-partners-rectificatif-1.html'));
    expect(look.stderr).toMatch(
      /securite 2024-08-05 partners was issued on .* and its content has changed since: the files written are corrigendum No\. 1/,
    );
    expect(await sha(original)).toBe(originalSha);

    // the list has a new address since: a corrigendum still goes to the original's recipients only
    const yaml = await readFile(join(data, 'event.yaml'), 'utf8');
    await writeFile(
      join(data, 'event.yaml'),
      yaml.replace(
        'partners: [all-officers@example.org]',
        'partners: [all-officers@example.org, newcomer@example.org]',
      ),
    );

    // 5. --amend: RECTIFICATIF n° 1 / CORRIGENDUM No. 1 to the original's recipients, the original file intact
    const amended = await brief(
      '2024-08-05',
      '--audience',
      'partners,national',
      '--format',
      'pdf',
      '--email',
      '--amend',
    );
    expect(amended.code, amended.stderr).toBe(0);
    expect(amended.stdout.trim().split('\n')).toEqual([
      join(out, 'cci-2024-08-05-securite-partners-rectificatif-1.pdf'),
      join(out, 'cci-2024-08-05-securite-national-rectificatif-1.pdf'),
    ]);
    expect(await sha(original)).toBe(originalSha);
    const corrigenda = smtp.received.slice(2);
    expect(corrigenda.map((m) => m.to)).toEqual([['all-officers@example.org'], ['cabinet@example.org']]);
    const toPartners = corrigenda[0]!;
    expect(header(toPartners.raw, 'subject')).toMatch(
      /^\[TLP:GREEN\] RECTIFICATIF n° 1 \/ CORRIGENDUM No\. 1 – CCI – Briefing Sécurité générale – 5 août 2024 11h30 – Partenaires/,
    );
    expect(textPart(toPartners.raw, 'text/plain')).toMatch(/^TLP:GREEN/);
    expect(textPart(toPartners.raw, 'text/plain')).toContain(
      'CORRIGENDUM No. 1: this briefing replaces the one issued on',
    );
    expect(attachmentName(toPartners.raw)).toBe('cci-2024-08-05-securite-partners-rectificatif-1.pdf');
    const corrText = (await pdfText(join(out, 'cci-2024-08-05-securite-partners-rectificatif-1.pdf'))).replace(
      /\s+/g,
      ' ',
    );
    expect(corrText).toContain('RECTIFICATIF n° 1 / CORRIGENDUM No. 1');
    expect(corrText).toMatch(/Faits ajoutés Records added .*Theft reported after the briefing LATE-THEFT/);
    expect(corrText).toMatch(
      /This document replaces the briefing issued on \w{3} \d+ \w{3}, \d\d:\d\d; the changes are listed below/,
    );
    expect(corrText).toMatch(/Incidents Cette période \/ This period 4 5/);
    const sent = partContent(
      mimeParts(toPartners.raw).find((p) => (partHeader(p, 'content-type') ?? '').startsWith('application/pdf'))!,
    );
    expect(sent.equals(await readFile(join(out, 'cci-2024-08-05-securite-partners-rectificatif-1.pdf')))).toBe(true);

    // nothing changed since: nothing sent, said plainly
    const again = await brief('2024-08-05', '--audience', 'partners', '--format', 'pdf', '--email', '--amend');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(
      /rectificatif-1\.pdf: issued on .* \(version 2, corrigendum No\. 1\) and unchanged since: nothing sent/,
    );
    expect(smtp.received).toHaveLength(4);

    // 6. history and verify
    const history = await cci(['history', '--data', data, '--format', 'json'], { env });
    expect(history.code, history.stderr).toBe(0);
    const rows = JSON.parse(history.stdout) as {
      audience: string;
      version: number;
      corrigendum: number;
      recipients: { address: string }[];
      supersededBy?: { version: number };
    }[];
    expect(
      rows.map((r) => [
        r.audience,
        r.version,
        r.corrigendum,
        r.recipients.map((x) => x.address),
        r.supersededBy?.version,
      ]),
    ).toEqual([
      ['partners', 1, 0, ['all-officers@example.org'], 2],
      ['national', 1, 0, ['cabinet@example.org'], 2],
      ['partners', 2, 1, ['all-officers@example.org'], undefined],
      ['national', 2, 1, ['cabinet@example.org'], undefined],
    ]);
    const textHistory = await cci(['history', '--data', data, '--date', '2024-08-05', '--audience', 'partners'], {
      env,
    });
    expect(textHistory.stdout).toMatch(
      /^2024-08-05 J15 securite partners fr\+en — version 1 \(original\) — TLP:GREEN\n {2}issued \d{4}-\d\d-\d\d \d\d:\d\d by email to 1: all-officers@example.org\n/,
    );
    expect(textHistory.stdout).toContain('superseded by version 2 (corrigendum No. 1)');

    const v1 = await cci(['verify', original, '--data', data], { env });
    expect(v1.code, v1.stderr).toBe(0);
    expect(v1.stdout).toContain(`${original} is an issued document:`);
    expect(v1.stdout).toMatch(/it has been superseded by version 2 \(corrigendum No\. 1\), issued 2\d{3}-/);
    const v2 = await cci(
      ['verify', join(out, 'cci-2024-08-05-securite-partners-rectificatif-1.pdf'), '--data', data, '--format', 'json'],
      { env },
    );
    expect(v2.code).toBe(0);
    expect(JSON.parse(v2.stdout)).toMatchObject({
      kind: 'issued',
      row: { version: 2, corrigendum: 1, recipients: [{ address: 'all-officers@example.org' }] },
    });
    expect(v2.stdout).not.toContain('supersededBy');
    // a file the centre did not issue: the 6 August draft it never sent, and a forgery
    const notIssued = await cci(['verify', join(out, 'cci-2024-08-06-securite-partners.pdf'), '--data', data], { env });
    expect(notIssued.code).toBe(11);
    expect(notIssued.stdout).toContain('is not a document the register says was issued');
    const forged = join(out, 'forged.pdf');
    await writeFile(forged, Buffer.concat([await readFile(original), Buffer.from('\n')]));
    expect((await cci(['verify', forged, '--data', data], { env })).code).toBe(11);
  }, 240_000);
});

describe('release approval', () => {
  it('sends only approved content, tells the duty desk what waits and why, and asks again after a change', async () => {
    smtp = await startSmtp();
    const { data, out, state, env: base } = await fixture();
    const env = { ...base, CCI_SMTP_URL: smtp.url, USER: 'cron' };
    const yaml = await readFile(join(data, 'event.yaml'), 'utf8');
    await writeFile(
      join(data, 'event.yaml'),
      yaml.replace(
        '  from: cci-briefings@example.org',
        '  from: cci-briefings@example.org\n  duty: [duty-desk@example.org]',
      ),
    );
    const brief = (...extra: string[]) =>
      cci(
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
          '--format',
          'pdf',
          '--email',
          '--require-approval',
          ...extra,
        ],
        { env },
      );

    const waiting = await brief();
    expect(waiting.code).toBe(9);
    expect(waiting.stderr).toMatch(
      /1 document was not sent \(--require-approval\): securite 2024-08-05 partners waits for approval: no approval recorded for its content \(sha256:[0-9a-f]{12}\); approve it with: cci approve --division securite --date 2024-08-05 --audience partners --data \S+ --state \S+ --out \S+\. The duty desk \(duty-desk@example\.org\) was told\./,
    );
    // the command names the run's folders: pasted anywhere, it approves in the register this run reads
    expect(waiting.stderr).toContain(
      `cci approve --division securite --date 2024-08-05 --audience partners --data ${data} --state ${state} --out ${out}.`,
    );
    expect(smtp.received.map((m) => m.to)).toEqual([['duty-desk@example.org']]);
    const notice = smtp.received[0]!;
    expect(header(notice.raw, 'subject')).toBe(
      '[TLP:CLEAR] cci e2e-2024: 1 briefing(s) waiting for approval: securite 2024-08-05 partners',
    );
    expect(textPart(notice.raw, 'text/plain')).toContain(
      `cci approve --division securite --date 2024-08-05 --audience partners --data ${data} --state ${state} --out ${out}`,
    );
    expect(mimeParts(notice.raw).some((p) => (partHeader(p, 'content-type') ?? '').startsWith('application/pdf'))).toBe(
      false,
    );

    const approved = await cci(
      ['approve', '--division', 'securite', '--date', '2024-08-05', '--data', data, '--by', 'Cdt Martin'],
      { env },
    );
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(
      /^approved: securite 2024-08-05 partners — content sha256:[0-9a-f]{12}, TLP:GREEN, to be issued as the original — by Cdt Martin\n$/,
    );
    // nothing was issued before: the approval starts the register, and says where
    expect(approved.stderr).toContain(
      `recorded in a new register of issued briefings ${join(state, 'register.jsonl')}: nothing had been issued with this state folder before`,
    );

    const sent = await brief();
    expect(sent.code, sent.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['duty-desk@example.org'], ['all-officers@example.org']]);

    // a late record: the corrigendum's content is not the approved one
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);
    const changed = await brief('--amend');
    expect(changed.code).toBe(9);
    expect(changed.stderr).toMatch(
      /the approval recorded \(Cdt Martin, 2\d{3}-\d\d-\d\d \d\d:\d\d\) is for other content/,
    );
    expect(smtp.received.slice(2).map((m) => m.to)).toEqual([['duty-desk@example.org']]);
    const reapproved = await cci(['approve', '--division', 'securite', '--date', '2024-08-05', '--data', data], {
      env,
    });
    expect(reapproved.stdout).toContain('to be issued as corrigendum No. 1 — by cron');
    expect(reapproved.stderr).toContain(
      `recorded in the register of issued briefings ${join(state, 'register.jsonl')}`,
    );
    const amended = await brief('--amend');
    expect(amended.code, amended.stderr).toBe(0);
    expect(header(smtp.received.at(-1)!.raw, 'subject')).toMatch(
      /^\[TLP:GREEN\] RECTIFICATIF n° 1 \/ CORRIGENDUM No\. 1 – /,
    );
    // the late record taken out again: the content is the original's, approved as the original;
    // it would go as corrigendum No. 2, whose change list nobody approved
    await rm(join(data, '2024-08-05', 'incidents-late.yaml'));
    const sentBefore = smtp.received.length;
    const back = await brief('--amend');
    expect(back.code, back.stderr).toBe(9);
    expect(back.stderr).toMatch(
      /the approval recorded \(Cdt Martin, 2\d{3}-\d\d-\d\d \d\d:\d\d\) is for this content as the original; it would now go as corrigendum No\. 2, whose change list nobody approved/,
    );
    expect(smtp.received.slice(sentBefore).map((m) => m.to)).toEqual([['duty-desk@example.org']]);
  }, 240_000);
});

describe('the exchange formats of an issued briefing', () => {
  it('records the STIX bundle and the figure table like the other files: cci verify knows them, a corrigendum writes its own', async () => {
    const { data, out, env } = await fixture();
    const issue = (...extra: string[]) =>
      cci(
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
          '--format',
          'html,stix,csv',
          '--issue',
          '--by',
          'duty',
          ...extra,
        ],
        { env },
      );
    const first = await issue();
    expect(first.code, first.stderr).toBe(0);
    const base = join(out, 'cci-2024-08-05-securite-partners');
    const names = ['html', 'stix.json', 'csv'].map((ext) => `${base}.${ext}`);
    expect(first.stdout.trim().split('\n')).toEqual(names);
    const rows = JSON.parse((await cci(['history', '--data', data, '--format', 'json'], { env })).stdout) as {
      files: { name: string; format: string; sha256: string }[];
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.files.map((f) => [f.name, f.format])).toEqual([
      ['cci-2024-08-05-securite-partners.html', 'html'],
      ['cci-2024-08-05-securite-partners.stix.json', 'stix'],
      ['cci-2024-08-05-securite-partners.csv', 'csv'],
    ]);
    for (const [i, file] of names.entries()) {
      expect(rows[0]!.files[i]!.sha256).toBe(await sha(file));
      const v = await cci(['verify', file, '--data', data], { env });
      expect(v.code, v.stderr).toBe(0);
      expect(v.stdout).toContain('is an issued document');
    }
    const issued = await Promise.all(names.map((f) => readFile(f)));
    const inodes = async () => Promise.all(names.map(async (f) => (await stat(f)).ino));
    const before = await inodes();

    // unchanged content: nothing recorded, the issued files left as they are
    const again = await issue();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('unchanged since: nothing recorded');
    expect(await inodes()).toEqual(before); // kept, not written again

    // a late record: the corrigendum's bundle and table under their own names, the originals superseded
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);
    const amended = await issue('--amend');
    expect(amended.code, amended.stderr).toBe(0);
    const corrected = ['html', 'stix.json', 'csv'].map((ext) => `${base}-rectificatif-1.${ext}`);
    expect(amended.stdout.trim().split('\n')).toEqual(corrected);
    expect(await Promise.all(names.map((f) => readFile(f)))).toEqual(issued);
    expect(await readFile(corrected[1]!, 'utf8')).toContain('LATE-THEFT');
    const old = await cci(['verify', names[1]!, '--data', data, '--format', 'json'], { env });
    expect(old.code).toBe(0);
    expect(JSON.parse(old.stdout)).toMatchObject({
      kind: 'issued',
      file: { format: 'stix' },
      row: { version: 1, supersededBy: { version: 2, corrigendum: 1 } },
    });
    const now = await cci(['verify', corrected[2]!, '--data', data, '--format', 'json'], { env });
    expect(now.code, now.stderr).toBe(0);
    expect(JSON.parse(now.stdout)).toMatchObject({
      kind: 'issued',
      file: { format: 'csv' },
      row: { version: 2, corrigendum: 1 },
    });
    await writeFile(join(out, 'edited.csv'), `${await readFile(corrected[2]!, 'utf8')}x\n`);
    expect((await cci(['verify', join(out, 'edited.csv'), '--data', data], { env })).code).toBe(11);
  }, 120_000);
});

describe('an issued file is never replaced', () => {
  it('refuses (exit 8, nothing written) a plain brief under another register that would replace an emailed PDF, and leaves it to the register that knows it', async () => {
    smtp = await startSmtp();
    const { data, out, state } = await fixture();
    const other = join(await tempDir(), 'other-state');
    const args = [
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '--out',
      out,
      '--format',
      'pdf,json',
    ];
    const sent = await cci([...args, '--email'], { env: { CCI_SMTP_URL: smtp.url, CCI_STATE_DIR: state } });
    expect(sent.code, sent.stderr).toBe(0);
    const pdf = join(out, 'cci-2024-08-05-securite-partners.pdf');
    const json = join(out, 'cci-2024-08-05-securite-partners.json');
    const issued = [await sha(pdf), await sha(json)];
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);

    // the register used at issue time is not the one this run sees: the send log names its entry
    const witnessed = await cci(args, { env: { CCI_STATE_DIR: other } });
    expect(witnessed.code, witnessed.stderr).toBe(10);
    expect(witnessed.stderr).toContain('holds no register of issued briefings, but');
    expect([await sha(pdf), await sha(json)]).toEqual(issued);
    // a send log an earlier cci wrote names no entry: the send log names the PDF itself
    await asEarlierCci(out);
    const blind = await cci(args, { env: { CCI_STATE_DIR: other } });
    expect(blind.code).toBe(8);
    expect(blind.stderr).toContain(
      'nothing was written or sent: this run would replace an issued file with other content',
    );
    expect(blind.stderr).toContain(
      `${pdf} (emailed, says the send log of its folder, and unknown to the register ${other}`,
    );
    expect(blind.stdout).toBe('');
    expect([await sha(pdf), await sha(json)]).toEqual(issued);

    // with the register it was issued under: the corrigendum is written under its own names
    const seen = await cci(args, { env: { CCI_STATE_DIR: state } });
    expect(seen.code, seen.stderr).toBe(0);
    expect(seen.stdout).toContain('cci-2024-08-05-securite-partners-rectificatif-1.pdf');
    expect([await sha(pdf), await sha(json)]).toEqual(issued);
    expect(smtp.received).toHaveLength(1);
  }, 180_000);
  it('refuses (exit 8, nothing written) a plain brief under another register that would replace files handed out with --issue: the hand-out log of the folder names them, and holds nothing else', async () => {
    const { data, out, state } = await fixture();
    const other = join(await tempDir(), 'other-state');
    const args = [
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
      'partners,national',
      '--format',
      'html,json',
    ];
    const handed = await cci([...args, '--issue', '--by', 'duty'], { env: { CCI_STATE_DIR: state } });
    expect(handed.code, handed.stderr).toBe(0);
    const files = [
      'cci-2024-08-05-securite-national.html',
      'cci-2024-08-05-securite-national.json',
      'cci-2024-08-05-securite-partners.html',
      'cci-2024-08-05-securite-partners.json',
    ];
    const issued = await Promise.all(files.map((f) => sha(join(out, f))));

    // the log: 0600, one line per file handed out, its name and SHA-256 and when, and the event
    // and register entry (seq, hash) it was recorded as (the register's witness), nothing else
    const log = join(out, '.cci-handed-out.jsonl');
    expect((await stat(log)).mode & 0o777).toBe(0o600);
    const lines = (await readFile(log, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.map((l) => Object.keys(l).sort())).toEqual(
      files.map(() => ['at', 'entry', 'event', 'file', 'sha256']),
    );
    expect(lines.map((l) => Object.keys(l.entry as unknown as object).sort())).toEqual(
      files.map(() => ['hash', 'seq']),
    );
    expect(lines.map((l) => [l.file, l.sha256]).sort()).toEqual(files.map((f, i) => [f, issued[i]]));
    const text = await readFile(log, 'utf8');
    for (const word of ['national', 'partners', 'TLP', 'securite', '2024-08-05']) {
      // only in the file names, which the folder already shows
      expect(text.replaceAll(/"file":"[^"]*"/g, '')).not.toContain(word);
    }

    // the same run again under the same register: nothing recorded, the log unchanged
    const again = await cci([...args, '--issue'], { env: { CCI_STATE_DIR: state } });
    expect(again.code, again.stderr).toBe(0);
    expect(await readFile(log, 'utf8')).toBe(text);

    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);
    // the register used at hand-out time is not the one this run sees: the hand-out log names the
    // files (as an earlier cci wrote it; with the register entries, the witness refuses first: exit 10)
    await asEarlierCci(out);
    const blind = await cci(args, { env: { CCI_STATE_DIR: other } });
    expect(blind.code).toBe(8);
    expect(blind.stderr).toContain(
      'nothing was written or sent: this run would replace an issued file with other content',
    );
    expect(blind.stderr).toContain(
      `${join(out, 'cci-2024-08-05-securite-partners.html')} (handed out with --issue, says the hand-out log of its folder, though the register ${other} does not record it: was it issued with another --state?)`,
    );
    expect(blind.stdout).toBe('');
    expect(await Promise.all(files.map((f) => sha(join(out, f))))).toEqual(issued);
    expect(existsSync(other)).toBe(false);

    // a plain brief that writes the same bytes is not refused (nothing would change)
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), '[]\n');
    const same = await cci(args, { env: { CCI_STATE_DIR: other } });
    expect(same.code, same.stderr).toBe(0);
    expect(await Promise.all(files.map((f) => sha(join(out, f))))).toEqual(issued);

    // with the register it was handed out under: the corrigendum is written under its own names
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);
    const seen = await cci(args, { env: { CCI_STATE_DIR: state } });
    expect(seen.code, seen.stderr).toBe(0);
    expect(seen.stdout).toContain('cci-2024-08-05-securite-partners-rectificatif-1.html');
    expect(await Promise.all(files.map((f) => sha(join(out, f))))).toEqual(issued);
  }, 180_000);

  it('refuses (exit 8, nothing written) to replace a file when a log of its folder cannot be read, naming the log and the error, rather than take the log as empty', async () => {
    const { data, out, state } = await fixture();
    const other = join(await tempDir(), 'other-state');
    const args = ['brief', '--division', 'securite', '--date', '2024-08-05', '--data', data, '--out', out];
    const html = [...args, '--format', 'html'];
    const handed = await cci([...html, '--issue', '--by', 'duty'], { env: { CCI_STATE_DIR: state } });
    expect(handed.code, handed.stderr).toBe(0);
    const file = join(out, 'cci-2024-08-05-securite-partners.html');
    const issued = await sha(file);
    // the logs as an earlier cci wrote them (with the register entries, the witness refuses first)
    await asEarlierCci(out);

    // the hand-out log unreadable (a folder in its place): the file is kept, and the run says why
    const log = join(out, '.cci-handed-out.jsonl');
    const kept = await readFile(log);
    await rm(log);
    await mkdir(log);
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), LATE);
    const blind = await cci(html, { env: { CCI_STATE_DIR: other } });
    expect(blind.code, blind.stderr).toBe(8);
    expect(blind.stderr).toContain(
      `${file} (whether it was issued cannot be told: the hand-out log .cci-handed-out.jsonl of its folder cannot be read (it is a folder); make it readable, or write elsewhere (--out))`,
    );
    expect(blind.stdout).toBe('');
    expect(await sha(file)).toBe(issued);
    const fr = await cci(html, { env: { CCI_STATE_DIR: other, CCI_LANG: 'fr' } });
    expect(fr.code).toBe(8);
    expect(fr.stderr).toContain(
      'le journal des remises .cci-handed-out.jsonl de son dossier ne peut pas être lu (c’est un dossier)',
    );

    // a named pipe in its place (reading it would block for ever) and a link to nothing: refused at once
    await rm(log, { recursive: true });
    expect(spawnSync('mkfifo', [log]).status).toBe(0);
    const pipe = await cci(html, { env: { CCI_STATE_DIR: other } });
    expect(pipe.code, pipe.stderr).toBe(8);
    expect(pipe.stderr).toContain(
      'the hand-out log .cci-handed-out.jsonl of its folder cannot be read (not a regular file)',
    );
    expect(pipe.stderr).toMatch(/^nothing was written or sent: whether these files were issued cannot be checked/m);
    const verifyPipe = await cci(['verify', log, '--state', state]);
    expect(verifyPipe.code).toBe(2);
    expect(verifyPipe.stderr).toContain('cannot be read (not a regular file)');
    await rm(log);
    await symlink(join(out, 'gone.jsonl'), log);
    const dangling = await cci(html, { env: { CCI_STATE_DIR: other } });
    expect(dangling.code, dangling.stderr).toBe(8);
    expect(dangling.stderr).toContain('cannot be read (it is a symbolic link, which cci does not follow here)');

    // readable again: the log names the file, as before
    await rm(log, { recursive: true });
    await writeFile(log, kept);
    const told = await cci(html, { env: { CCI_STATE_DIR: other } });
    expect(told.code).toBe(8);
    expect(told.stderr).toContain('handed out with --issue, says the hand-out log of its folder');

    // the send log unreadable, for a file that no log names: asked about, and not taken as empty
    const plain = join(await tempDir(), 'plain-out');
    const first = await cci([...args.slice(0, -1), plain, '--format', 'html'], { env: { CCI_STATE_DIR: other } });
    expect(first.code, first.stderr).toBe(0);
    await mkdir(join(plain, '.cci-sent.jsonl'));
    await writeFile(join(data, '2024-08-05', 'incidents-late.yaml'), '[]\n');
    const unsure = await cci([...args.slice(0, -1), plain, '--format', 'html'], { env: { CCI_STATE_DIR: other } });
    expect(unsure.code, unsure.stderr).toBe(8);
    expect(unsure.stderr).toContain('the send log .cci-sent.jsonl of its folder cannot be read (it is a folder)');
  }, 180_000);
});

describe('history and verify read the register alone', () => {
  it('work with --state alone in a folder without data, write the same local times as with --data, and ask for --state or --data when neither finds a register', async () => {
    const { data, out, state } = await fixture();
    const issued = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '--out',
      out,
      '--format',
      'html',
      '--issue',
      '--by',
      'duty',
      '--state',
      state,
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const html = join(out, 'cci-2024-08-05-securite-partners.html');
    const elsewhere = await tempDir(); // no ./data here
    const noEnv = { CCI_STATE_DIR: undefined, XDG_STATE_HOME: undefined };

    const alone = await cci(['history', '--state', state], { cwd: elsewhere, env: noEnv });
    expect(alone.code, alone.stderr).toBe(0);
    const withData = await cci(['history', '--state', state, '--data', data], { cwd: elsewhere, env: noEnv });
    expect(withData.code, withData.stderr).toBe(0);
    expect(alone.stdout).toBe(withData.stdout);
    expect(alone.stdout).toMatch(/issued \d{4}-\d\d-\d\d \d\d:\d\d, handed out by duty/);
    expect(alone.stdout).not.toContain('UTC');
    const json = JSON.parse(
      (await cci(['history', '--state', state, '--format', 'json'], { cwd: elsewhere, env: noEnv })).stdout,
    ) as { timezone: string }[];
    expect(json.map((r) => r.timezone)).toEqual(['Europe/Paris']);

    const verify = await cci(['verify', html, '--state', state], { cwd: elsewhere, env: noEnv });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toBe(
      (await cci(['verify', html, '--state', state, '--data', data], { cwd: elsewhere, env: noEnv })).stdout,
    );

    for (const args of [['history'], ['verify', html]]) {
      const lost = await cci(args, { cwd: elsewhere, env: noEnv });
      expect(lost.code).toBe(2);
      expect(lost.stderr).toContain(
        `which register of issued briefings? Give --state DIR (the state folder holding register.jsonl) or --data DIR (the data folder, whose event.yaml names it); there is no data folder ${join(elsewhere, 'data')}`,
      );
    }
  }, 120_000);
});

describe('a register that is not there, options that are not right', () => {
  it('refuses a state folder without a register (exit 2, naming it) in verify and history, instead of calling a genuine document forged; brief --issue says which register it starts', async () => {
    const { data, out, state } = await fixture();
    const issued = await cci(
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
        '--format',
        'html',
      ].concat(['--issue', '--state', state]),
    );
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toContain(
      `recorded in a new register of issued briefings ${join(state, 'register.jsonl')}: nothing had been issued with this state folder before (if something was, the state folder is wrong: check --state or CCI_STATE_DIR)`,
    );
    const html = join(out, 'cci-2024-08-05-securite-partners.html');
    const elsewhere = await tempDir();
    const noEnv = { CCI_STATE_DIR: undefined, XDG_STATE_HOME: undefined };
    const missing = join(elsewhere, 'stat'); // a typo: no such folder
    const empty = await tempDir(); // a folder, but no register.jsonl in it

    for (const dir of [missing, empty]) {
      for (const args of [
        ['verify', html, '--state', dir],
        ['verify', html, '--state', dir, '--format', 'json'],
        ['history', '--state', dir],
        ['history', '--state', dir, '--format', 'json'],
        ['history', '--state', dir, '--data', data],
      ]) {
        const r = await cci(args, { cwd: elsewhere, env: noEnv });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(
          `no register in ${dir}: nothing was ever issued there, or the folder is wrong (--state DIR, or CCI_STATE_DIR, names the state folder holding register.jsonl)`,
        );
        expect(r.stderr).not.toContain('not a document the register says was issued');
      }
      // the same through CCI_STATE_DIR
      const viaEnv = await cci(['verify', html], { cwd: elsewhere, env: { ...noEnv, CCI_STATE_DIR: dir } });
      expect(viaEnv.code).toBe(2);
      expect(viaEnv.stderr).toContain(`no register in ${dir}:`);
    }
    expect(existsSync(missing)).toBe(false);
    expect(await readdir(empty)).toEqual([]);

    // with the right folder: the same file is an issued document
    expect((await cci(['verify', html, '--state', state], { cwd: elsewhere, env: noEnv })).code).toBe(0);
  }, 120_000);

  it('checks --date and --audience of history as cci brief does: the same message, exit 2, with or without --data', async () => {
    const { data, out, state } = await fixture();
    const issued = await cci(
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
        '--format',
        'html',
      ].concat(['--issue', '--state', state]),
    );
    expect(issued.code, issued.stderr).toBe(0);
    const elsewhere = await tempDir();
    const noEnv = { CCI_STATE_DIR: undefined, XDG_STATE_HOME: undefined };
    for (const option of [
      ['--date', '2024-13-45'],
      ['--date', '5 August'],
      ['--audience', 'country:XXX'],
      ['--audience', 'everyone'],
      ['--audience', ''],
    ]) {
      const brief = await cci([
        'brief',
        '--division',
        'securite',
        '--data',
        data,
        '--out',
        out,
        '--format',
        'html',
        ...option,
      ]);
      expect(brief.code).toBe(2);
      for (const where of [[], ['--data', data]]) {
        const history = await cci(['history', '--state', state, ...where, ...option], { cwd: elsewhere, env: noEnv });
        expect(history.code, option.join(' ')).toBe(2);
        expect(history.stdout).toBe('');
        expect(history.stderr).toBe(brief.stderr);
      }
    }
    // a partner is known only with the event: DEU is one of e2e's, CHE is not
    const notPartner = await cci(['history', '--state', state, '--data', data, '--audience', 'country:CHE'], {
      cwd: elsewhere,
      env: noEnv,
    });
    expect(notPartner.code).toBe(2);
    expect(notPartner.stderr).toContain('CHE is not a partner of this event');
    const all = await cci(['history', '--state', state, '--audience', 'country:all'], { cwd: elsewhere, env: noEnv });
    expect(all.code).toBe(2);
    expect(all.stderr).toContain('--audience country:all: the partners are not known without the event');
    // valid options: an answer, exit 0
    for (const option of [
      ['--date', '2024-08-05'],
      ['--audience', 'country:deu'],
    ]) {
      const r = await cci(['history', '--state', state, ...option], { cwd: elsewhere, env: noEnv });
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);
});

describe('who handed a briefing out', () => {
  it("is the account's name when USER and LOGNAME are unset (env -u, as in a container or a systemd unit), never unknown", async () => {
    const { data, out, state } = await fixture();
    const issued = await cci(
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
        '--format',
        'html',
      ].concat(['--issue', '--state', state]),
      { env: { USER: undefined, LOGNAME: undefined } },
    );
    expect(issued.code, issued.stderr).toBe(0);
    const me = userInfo().username;
    expect(issued.stderr).toContain(`handed out by ${me}`);
    const history = await cci(['history', '--state', state]);
    expect(history.stdout).toMatch(new RegExp(`handed out by ${me}\\n`));
    expect(history.stdout).not.toContain('unknown');
  }, 120_000);
});

describe('faults around the register', () => {
  it('refuses to hand out with a register restored from a copy made before a briefing it handed out (exit 10)', async () => {
    const { data, out, state, env } = await fixture();
    const brief = (date: string) => [
      'brief',
      '--division',
      'securite',
      '--date',
      date,
      '--data',
      data,
      '--out',
      out,
      '--format',
      'html',
      '--issue',
    ];
    expect((await cci(brief('2024-08-04'), { env })).code).toBe(0);
    const copy = await readFile(join(state, 'register.jsonl'), 'utf8');
    expect((await cci(brief('2024-08-05'), { env })).code).toBe(0);
    const handed = (await readFile(join(out, '.cci-handed-out.jsonl'), 'utf8')).trim().split('\n');
    expect(handed.every((l) => /"event":"e2e-2024","entry":\{"seq":\d+,"hash":"[0-9a-f]{64}"\}/.test(l))).toBe(true);
    await writeFile(join(state, 'register.jsonl'), copy, { mode: 0o600 });
    const again = await cci(brief('2024-08-05'), { env });
    expect(again.code, again.stderr).toBe(10);
    expect(again.stderr).toMatch(
      /does not hold entry \d+, which .*\.cci-handed-out\.jsonl names \(cci-2024-08-05-securite-partners\.html, 20/,
    );
  });

  it('records a delivery the send log knows after a run stopped between sending and recording, without sending again', async () => {
    smtp = await startSmtp();
    const { data, out, state, env: base } = await fixture();
    const env = { ...base, CCI_SMTP_URL: smtp.url };
    const args = [
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '--out',
      out,
      '--format',
      'pdf',
      '--email',
    ];
    expect((await cci(args, { env })).code).toBe(0);
    expect(smtp.received).toHaveLength(1);
    // the run stopped after the server took the message and the send log was written: the
    // register has the version, not its delivery (its last line)
    const path = join(state, 'register.jsonl');
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!).type).toBe('delivery');
    await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`);
    expect((await cci(['history', '--data', data], { env })).stderr).toContain('nothing issued matches');

    const again = await cci(args, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(again.stderr).toMatch(
      /was sent to all-officers@example.org by a run that stopped before recording it: recorded now from the send log .*\.cci-sent\.jsonl, not sent again/,
    );
    const rows = JSON.parse((await cci(['history', '--data', data, '--format', 'json'], { env })).stdout) as {
      recipients: { address: string; messageId: string }[];
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.recipients.map((r) => r.address)).toEqual(['all-officers@example.org']);
    expect(rows[0]!.recipients[0]!.messageId).toBe(header(smtp.received[0]!.raw, 'message-id'));
  }, 120_000);

  it('refuses a damaged register: exit 10 naming the line, nothing written or sent, the register as it was', async () => {
    smtp = await startSmtp();
    const { data, out, state, env: base } = await fixture();
    const env = { ...base, CCI_SMTP_URL: smtp.url };
    const args = (date: string) => [
      'brief',
      '--division',
      'securite',
      '--date',
      date,
      '--data',
      data,
      '--out',
      out,
      '--format',
      'pdf',
      '--email',
    ];
    expect((await cci(args('2024-08-05'), { env })).code).toBe(0);
    const path = join(state, 'register.jsonl');
    const damaged = (await readFile(path, 'utf8')).replace('"incidents":4', '"incidents":3');
    await writeFile(path, damaged);
    const before = await readdir(out);
    const r = await cci(args('2024-08-06'), { env });
    expect(r.code).toBe(10);
    expect(r.stderr).toContain(
      `${path}:2: the register of issued briefings cannot be trusted: the entry was changed after it was written`,
    );
    expect(r.stdout).toBe('');
    expect(await readdir(out)).toEqual(before);
    expect(smtp.received).toHaveLength(1);
    expect(await readFile(path, 'utf8')).toBe(damaged);
    expect((await cci(['history', '--data', data], { env })).code).toBe(10);
  }, 120_000);

  it('never issues two versions with the same number when two runs issue the same briefing at once', async () => {
    const { data, state, env } = await fixture();
    const outs = [join(await tempDir(), 'a'), join(await tempDir(), 'b'), join(await tempDir(), 'c')];
    const runs = await Promise.all(
      outs.map((out) =>
        cci(
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
            '--format',
            'html',
            '--issue',
            '--by',
            'duty',
          ],
          { env },
        ),
      ),
    );
    for (const r of runs) {
      expect([0, 7], r.stderr).toContain(r.code);
      if (r.code === 7) expect(r.stderr).toMatch(/issue-securite-2024-08-05-partners/);
    }
    const entries = (await readFile(join(state, 'register.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; version?: number });
    expect(entries.filter((e) => e.type === 'document').map((e) => e.version)).toEqual([1]);
    expect(entries.filter((e) => e.type === 'delivery')).toHaveLength(1);
    expect(existsSync(join(outs[0]!, 'register.jsonl'))).toBe(false);
  }, 120_000);

  it('lets runs issuing different briefings at once leave a register that every rerun finds unchanged (exit 0, nothing recorded)', async () => {
    // each run composes against the register as it read it, and another run may append before
    // its turn: what it records must be what a rerun computes again
    const root = await tempDir();
    const state = join(root, 'state');
    const dates = ['2024-08-15', '2024-08-16', '2024-08-17', '2024-08-18', '2024-08-19', '2024-08-20'];
    const args = (date: string) => [
      'brief',
      '--division',
      'renseignement',
      '--date',
      date,
      '--data',
      join(ROOT, 'data'),
      '--out',
      join(root, date),
      '--state',
      state,
      '--format',
      'json',
      '--issue',
      '--by',
      'duty',
    ];
    const first = await Promise.all(dates.map((date) => cci(args(date))));
    for (const r of first) expect(r.code, r.stderr).toBe(0);
    const register = await readFile(join(state, 'register.jsonl'), 'utf8');
    const again = await Promise.all(dates.map((date) => cci(args(date))));
    again.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`cci-${dates[i]}-renseignement-partners.json: issued on`);
      expect(r.stderr).toContain('unchanged since: nothing recorded');
    });
    expect(await readFile(join(state, 'register.jsonl'), 'utf8')).toBe(register);
    // and a run after them compares with every one of them
    const next = await cci(args('2024-08-21'));
    expect(next.code, next.stderr).toBe(0);
    const model = await readJson<{ lateReports: { compared: boolean } }>(
      join(root, '2024-08-21', 'cci-2024-08-21-renseignement-partners.json'),
    );
    expect(model.lateReports.compared).toBe(true);
  }, 180_000);

  it('refuses a state folder inside the output folder', async () => {
    const { data, out } = await fixture();
    const r = await cci([
      'brief',
      '--division',
      'securite',
      '--date',
      '2024-08-05',
      '--data',
      data,
      '--out',
      out,
      '--format',
      'html',
      '--issue',
      '--state',
      join(out, 'state'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inside the output folder/);
    expect(existsSync(out)).toBe(false);
  });
});
