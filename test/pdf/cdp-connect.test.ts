import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONNECTOR_BUNDLE, cdpConnector } from '../../src/pdf/cdp-connect.js';
import { packageRoot } from '../../src/package-files.js';

const bundle = path.join(packageRoot(), CONNECTOR_BUNDLE);
const scratch = mkdtempSync(path.join(tmpdir(), 'cci-cdp-connect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cdpConnector', () => {
  it("uses the build's one-module bundle of puppeteer-core's CDP connector, made from the puppeteer-core installed", async () => {
    const installed = (
      JSON.parse(readFileSync(path.join(packageRoot(), 'node_modules/puppeteer-core/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(readFileSync(bundle, 'utf8')).toContain(`from puppeteer-core ${installed} (Apache-2.0)`);
    expect((await cdpConnector()).kind).toBe('bundle');
  });

  it("uses puppeteer-core's CDP connector alone, not the whole library, without a bundle (an upgrade that moves it fails here)", async () => {
    expect((await cdpConnector({ bundle: path.join(scratch, 'missing.mjs') })).kind).toBe('cdp');
  });

  it('takes nothing but a regular file for the bundle: a named pipe there would hold the run for ever', async () => {
    const fifo = path.join(scratch, 'fifo.mjs');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect((await cdpConnector({ bundle: fifo })).kind).toBe('cdp');
    expect((await cdpConnector({ bundle: scratch })).kind).toBe('cdp');
  });

  it('does not use a bundle made from another version of puppeteer-core (dependencies updated, build not run)', async () => {
    const stale = path.join(scratch, 'stale.mjs');
    writeFileSync(
      stale,
      readFileSync(bundle, 'utf8').replace(/puppeteerVersion = "[^"]*"/, 'puppeteerVersion = "0.0.1"'),
    );
    expect(readFileSync(stale, 'utf8')).toContain('"0.0.1"');
    expect((await cdpConnector({ bundle: stale })).kind).toBe('cdp');
    // the same file, unchanged, is used
    const fresh = path.join(scratch, 'fresh.mjs');
    copyFileSync(bundle, fresh);
    expect((await cdpConnector({ bundle: fresh })).kind).toBe('bundle');
  });
});
