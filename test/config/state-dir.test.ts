import { mkdtemp, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefConfig, briefFlags } from '../../src/config/brief-config.js';
import { readEnvironment } from '../../src/config/environment.js';
import { stateDirFor } from '../../src/config/state-dir.js';
import { UsageError } from '../../src/errors.js';
import { event } from '../helpers/dataset.js';

describe('the state folder (the register of issued briefings)', () => {
  it('is --state, else CCI_STATE_DIR, else a folder per event under XDG_STATE_HOME or ~/.local/state', () => {
    const at = (env: Record<string, string>, option?: string) =>
      stateDirFor({ option, env: readEnvironment(env), eventId: 'paris-2024', cwd: '/w' });
    expect(at({ CCI_STATE_DIR: '/s', XDG_STATE_HOME: '/x' }, 'mine')).toBe('/w/mine');
    expect(at({ CCI_STATE_DIR: 'rel', XDG_STATE_HOME: '/x' })).toBe('/w/rel');
    expect(at({ XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/x/cci/paris-2024');
    expect(at({ HOME: '/h' })).toBe('/h/.local/state/cci/paris-2024');
    expect(stateDirFor({ env: { state: { base: '/b' } }, eventId: '../evil', cwd: '/' })).toBe('/b/_-evil');
  });

  it('is never the output folder nor inside it, links resolved', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cci-state-'));
    const env = readEnvironment({});
    expect(() =>
      stateDirFor({ option: join(root, 'out', 'state'), env, eventId: 'e', cwd: '/', outDir: join(root, 'out') }),
    ).toThrow(UsageError);
    expect(() =>
      stateDirFor({ option: join(root, 'out'), env, eventId: 'e', cwd: '/', outDir: join(root, 'out') }),
    ).toThrow(/inside the output folder/);
    await mkdir(join(root, 'out'));
    await symlink(join(root, 'out'), join(root, 'alias'));
    expect(() =>
      stateDirFor({ option: join(root, 'alias', 'state'), env, eventId: 'e', cwd: '/', outDir: join(root, 'out') }),
    ).toThrow(UsageError);
    expect(stateDirFor({ option: join(root, 'state'), env, eventId: 'e', cwd: '/', outDir: join(root, 'out') })).toBe(
      join(root, 'state'),
    );
  });

  it('is resolved once for cci brief, and --amend, --require-approval and --issue are read with what they need', () => {
    const env = readEnvironment({ CCI_STATE_DIR: '/st' });
    const config = briefConfig(
      briefFlags({ division: 'securite', email: true, amend: true }, '/w', env),
      event(),
      new Date('2024-08-05T10:00:00Z'),
    );
    expect(config.stateDir).toBe('/st');
    // a relative CCI_STATE_DIR: the folder of the working folder, as approve, history and verify read it (it was /relstate)
    const relative = readEnvironment({ CCI_STATE_DIR: 'relstate' });
    expect(
      briefConfig(
        briefFlags({ division: 'securite', issue: true }, '/w', relative),
        event(),
        new Date('2024-08-05T10:00:00Z'),
      ).stateDir,
    ).toBe('/w/relstate');
    expect(stateDirFor({ env: relative, eventId: 'e', cwd: '/w' })).toBe('/w/relstate');
    expect(() => briefFlags({ division: 'x', amend: true }, '/w', env)).toThrow(
      /--amend applies to a briefing being issued/,
    );
    expect(() => briefFlags({ division: 'x', requireApproval: true }, '/w', env)).toThrow(/--require-approval/);
    expect(() => briefFlags({ division: 'x', resend: true }, '/w', env)).toThrow(
      /--resend applies to a briefing being emailed: add --email/,
    );
    expect(() => briefFlags({ division: 'x', issue: true, resend: true }, '/w', env)).toThrow(UsageError);
    expect(() => briefFlags({ division: 'x', email: true, issue: true }, '/w', env)).toThrow(UsageError);
    expect(() => briefFlags({ division: 'x', issue: true, draft: true }, '/w', env)).toThrow(/drafts are never issued/);
    expect(briefFlags({ division: 'x', issue: true }, '/w', readEnvironment({ USER: 'duty1' })).by).toBe('duty1');
    expect(briefFlags({ division: 'x', issue: true, by: ' Cpt Martin ' }, '/w', env).by).toBe('Cpt Martin');
  });
});
