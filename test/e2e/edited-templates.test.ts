// An analyst edits templates/ (the preview watches them): a mistake in them is said at its place,
// every one at once, and nothing is written; a template that would load a file is refused
// instead of printing a briefing with a missing image.

import { execFile } from 'node:child_process';
import { cp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_CACHE_DIR, ROOT, tempDir } from './helpers.js';

const exec = promisify(execFile);

/** A copy of the built cci whose templates/ can be edited (its precompiled templates then no longer match). */
async function editableCci(): Promise<string> {
  const dir = await tempDir('cci-e2e-templates-');
  for (const part of ['bin', 'dist', 'templates', 'assets', 'package.json'])
    await cp(join(ROOT, part), join(dir, part), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function run(pkg: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [join(pkg, 'bin', 'cci.js'), ...args], {
      env: {
        ...process.env,
        CCI_LANG: 'en',
        NO_COLOR: '1',
        CCI_CACHE_DIR: E2E_CACHE_DIR,
        CCI_STATE_DIR: join(pkg, 'state'),
      },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function edit(file: string, change: (s: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, 'utf8')));
}

describe('templates edited by an analyst', () => {
  let pkg: string;
  beforeAll(async () => {
    pkg = await editableCci();
  });

  it('says every mistake at its file, line and column, writes nothing, and exits 4 without a stack trace', async () => {
    const t = join(pkg, 'templates');
    const original = await readFile(join(t, 'partials', 'title-block.hbs'), 'utf8');
    await edit(join(t, 'partials', 'title-block.hbs'), (s) =>
      s.replace('<p class="tb-event">', '{{#if x}<p class="tb-event">'),
    );
    await edit(join(t, 'partials', 'late-reports.hbs'), (s) => `<img src="file:///srv/cci/logo.png" alt="">\n${s}`);
    await edit(join(t, 'briefing.css'), (s) => `${s}\n.tb-org { background: url(paper.jpg) }\n`);
    const out = join(pkg, 'out');
    const brief = (format = 'html') =>
      run(pkg, [
        'brief',
        '--division',
        'securite',
        '--date',
        '2024-08-05',
        '--format',
        format,
        '--data',
        join(ROOT, 'data'),
        '--out',
        out,
      ]);
    const r = await brief('html,pdf');
    expect(r.code, r.stderr).toBe(4);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /templates\/partials\/title-block\.hbs:4:\d+: the template cannot be read here: “}” where Handlebars expects “}}”/,
        ),
        expect.stringMatching(
          /templates\/partials\/late-reports\.hbs:1:6: src="file:\/\/\/srv\/cci\/logo\.png" would load a file/,
        ),
        expect.stringMatching(/templates\/briefing\.css:\d+:\d+: url\(paper\.jpg\) would load a file/),
      ]),
    );
    expect(r.stderr).not.toMatch(/internal error|\n\s+at |Parse error|Expecting/);
    expect(r.stdout).toBe('');
    expect(await readdir(out).catch(() => [])).toEqual([]);

    // put right, a field the briefing does not have is said at its place when rendered
    await writeFile(
      join(t, 'partials', 'title-block.hbs'),
      original.replace('<p class="tb-event">', '{{m.evnt}}<p class="tb-event">'),
    );
    await cp(join(ROOT, 'templates', 'partials', 'late-reports.hbs'), join(t, 'partials', 'late-reports.hbs'));
    await cp(join(ROOT, 'templates', 'briefing.css'), join(t, 'briefing.css'));
    const field = await brief();
    expect(field.code, field.stderr).toBe(4);
    expect(field.stderr).toMatch(/templates\/partials\/title-block\.hbs:4:\d+: the briefing has no field “evnt” here/);
    expect(field.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readdir(out).catch(() => [])).toEqual([]);

    // a message the catalogues lack, and a helper given what it cannot use: at the helper call
    await writeFile(
      join(t, 'partials', 'title-block.hbs'),
      original.replace('<p class="tb-event">', '{{t "title.mine"}}<p class="tb-event">'),
    );
    const label = await brief();
    expect(label.code, label.stderr).toBe(4);
    expect(label.stderr).toMatch(
      /templates\/partials\/title-block\.hbs:4:5: the template asks for the message “title\.mine”, which templates\/i18n\/(fr|en)\.json does not have/,
    );
    await writeFile(
      join(t, 'partials', 'title-block.hbs'),
      original.replace('<p class="tb-event">', '{{num m.event.timezone}}<p class="tb-event">'),
    );
    const helper = await brief();
    expect(helper.code, helper.stderr).toBe(4);
    expect(helper.stderr).toMatch(
      /templates\/partials\/title-block\.hbs:4:5: the template could not be rendered: not a number: /,
    );
    for (const r of [label, helper]) expect(r.stderr).not.toMatch(/internal error|\n\s+at /);

    // the documents' catalogues: every problem of both files at its place (a template edited
    // too, harmlessly: its helpers, which load the catalogues, do not take the problems as theirs)
    await writeFile(join(t, 'partials', 'title-block.hbs'), `{{!-- edited --}}${original}`);
    await edit(join(t, 'i18n', 'en.json'), (s) =>
      s.replace('"serialLabel": "Event day",', '"serialLabel": "Event day"'),
    );
    await edit(join(t, 'i18n', 'fr.json'), (s) => s.replace('"date": "Date",', '"date": "Date du {jour}",'));
    const words = await brief('html,pdf');
    expect(words.code, words.stderr).toBe(4);
    expect(words.stderr).toMatch(
      /templates\/i18n\/fr\.json:\d+:\d+: the message “title\.date” has \{jour\}, which cci gives it no value for/,
    );
    expect(words.stderr).toMatch(
      /templates\/i18n\/en\.json:\d+:5: the documents' catalogue is not valid JSON: expected a comma \(,\) between two values/,
    );
    expect(words.stderr).not.toMatch(/internal error|\n\s+at |SyntaxError/);
    expect(await readdir(out).catch(() => [])).toEqual([]);
    await cp(join(ROOT, 'templates', 'i18n'), join(t, 'i18n'), { recursive: true });

    // and templates put back make the briefing again
    const fixed = await brief();
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('cci-2024-08-05-securite-partners.html');
  });
});
