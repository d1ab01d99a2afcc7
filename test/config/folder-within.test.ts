// "Never inside the output folder": one test for the state folder, the log folder and the cache,
// with links resolved on either side.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefFlags } from '../../src/config/brief-config.js';
import { readEnvironment } from '../../src/config/environment.js';
import { isSameOrInside } from '../../src/config/folder-within.js';
import type { Io } from '../../src/commands/io.js';
import { runSchedule } from '../../src/commands/schedule.js';
import { UsageError } from '../../src/errors.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cci-within-'));
  await mkdir(join(root, 'so2'));
  await symlink(join(root, 'so2'), join(root, 'so2link'));
  await mkdir(join(root, 'elsewhere'));
  await symlink(join(root, 'so2', 'inner'), join(root, 'elsewhere', 'dangling'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a folder inside the output folder, links resolved', () => {
  it('is inside when the path or its nearest existing ancestor leads into the output folder through a link', () => {
    const out = join(root, 'so2');
    expect(isSameOrInside(out, out)).toBe(true);
    expect(isSameOrInside(join(out, 'logs'), out)).toBe(true);
    expect(isSameOrInside(join(root, 'so2link'), out)).toBe(true);
    expect(isSameOrInside(join(root, 'so2link', 'logs', 'deeper'), out)).toBe(true);
    // the output folder itself named through the link
    expect(isSameOrInside(join(out, 'logs'), join(root, 'so2link'))).toBe(true);
    // a link that leads nowhere yet, into the output folder
    expect(isSameOrInside(join(root, 'elsewhere', 'dangling', 'logs'), out)).toBe(true);
  });

  it('is not inside for a sibling, a parent, or a name that only starts like it', () => {
    const out = join(root, 'so2');
    expect(isSameOrInside(join(root, 'elsewhere', 'logs'), out)).toBe(false);
    expect(isSameOrInside(root, out)).toBe(false);
    expect(isSameOrInside(join(root, 'so2-logs'), out)).toBe(false);
    expect(isSameOrInside(join(root, 'so2', '..', 'x'), out)).toBe(false);
  });

  it('the tally cache of cci brief is refused inside the output folder, through a link too, and not with --no-cache', () => {
    const env = readEnvironment({ CCI_CACHE_DIR: join(root, 'so2link', 'cache') });
    expect(() => briefFlags({ division: 'x', out: join(root, 'so2') }, '/', env)).toThrow(UsageError);
    expect(() => briefFlags({ division: 'x', out: join(root, 'so2') }, '/', env)).toThrow(
      /the cache folder .* is inside the output folder/,
    );
    expect(briefFlags({ division: 'x', out: join(root, 'so2'), cache: false }, '/', env).cacheDir).toBeUndefined();
    expect(briefFlags({ division: 'x', out: join(root, 'elsewhere') }, '/', env).cacheDir).toBe(
      join(root, 'so2link', 'cache'),
    );
  });
});

describe('cci schedule refuses every private folder of its runs inside the output folder', () => {
  const eventYaml = [
    'event:',
    '  id: test',
    '  name_fr: Test',
    '  name_en: Test',
    '  centre_fr: Centre (C)',
    '  centre_en: Centre (C)',
    '  timezone: Europe/Paris',
    '  opens: 2024-07-22',
    '  closes: 2024-09-08',
    'defaults:',
    '  tlp: AMBER',
    'divisions:',
    '  securite: { time: "11:30", title_fr: Briefing Sécurité générale, title_en: General security briefing }',
    'partners: [DEU]',
    '',
  ].join('\n');

  async function schedule(
    env: Record<string, string>,
    extra: { state?: string } = {},
  ): Promise<{ result: unknown; out: string[] }> {
    const data = join(root, 'data');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'event.yaml'), eventYaml);
    const out: string[] = [];
    const io = {
      cwd: root,
      env,
      now: () => new Date(),
      out: (l: string) => out.push(l),
      info: () => undefined,
      warn: () => undefined,
      isTTY: false,
    } as unknown as Io;
    const result = await runSchedule(
      { data: 'data', out: join(root, 'so2'), audience: ['partners'], ...extra },
      io,
    ).catch((e: unknown) => e);
    return { result, out };
  }

  it('CCI_LOG_DIR through a link to the output folder is refused, and no log is made there', async () => {
    const { result, out } = await schedule({
      CCI_LOG_DIR: join(root, 'so2link', 'logs'),
      CCI_STATE_DIR: join(root, 'state'),
      CCI_CACHE_DIR: join(root, 'cache'),
    });
    expect(result).toBeInstanceOf(UsageError);
    expect((result as Error).message).toMatch(/the log folder .*so2link\/logs is in the output folder/);
    expect(out).toEqual([]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(root, 'so2', 'logs'))).toBe(false);
  });

  it('a log folder whose last part is a dangling link into the output folder is refused', async () => {
    const { result } = await schedule({
      CCI_LOG_DIR: join(root, 'elsewhere', 'dangling', 'logs'),
      CCI_STATE_DIR: join(root, 'state'),
      CCI_CACHE_DIR: join(root, 'cache'),
    });
    expect((result as Error).message).toMatch(/the log folder .*dangling\/logs is in the output folder/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(root, 'so2', 'inner'))).toBe(false);
  });

  it('--state, CCI_STATE_DIR and CCI_CACHE_DIR through a link to the output folder are refused now, not at the first run', async () => {
    const ok = {
      CCI_LOG_DIR: join(root, 'logs'),
      CCI_STATE_DIR: join(root, 'state'),
      CCI_CACHE_DIR: join(root, 'cache'),
    };
    expect((await schedule(ok)).result).toBe(0);
    expect(((await schedule(ok, { state: join(root, 'so2link', 'state') })).result as Error).message).toMatch(
      /the state folder .* is inside the output folder/,
    );
    expect(((await schedule({ ...ok, CCI_STATE_DIR: join(root, 'so2link', 'st') })).result as Error).message).toMatch(
      /the state folder .* is inside the output folder/,
    );
    expect(
      ((await schedule({ ...ok, CCI_CACHE_DIR: join(root, 'so2link', 'cache') })).result as Error).message,
    ).toMatch(/the cache folder .* is inside the output folder/);
  });
});
