import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEditorNoise, watchFolders, type ChangeBurst } from '../../src/preview/watch.js';

describe('the preview watcher', () => {
  const root = join('/data');
  const noise = (name: string) => isEditorNoise(join(root, '2024-08-05', name), root);

  it('reloads on a workbook saved in a day folder', () => {
    expect(noise('incidents-pp.xlsx')).toBe(false);
    expect(noise('deployments.xlsx')).toBe(false);
    expect(noise('incidents-pp.csv')).toBe(false);
  });

  it('ignores the files spreadsheet programs keep while a workbook is open or being saved', () => {
    expect(noise('~$incidents-pp.xlsx')).toBe(true); // Excel's owner file
    expect(noise('A1B2C3D4')).toBe(true); // Excel's temporary save file
    expect(noise('.~lock.incidents-pp.xlsx#')).toBe(true); // LibreOffice's lock file
    expect(noise('incidents-pp.xlsx.tmp')).toBe(true);
  });
});

describe('watchFolders', () => {
  it('follows a data folder moved away and back, or removed and restored: changes in it are reported again', async () => {
    const base = await mkdtemp(join(tmpdir(), 'cci-watch-'));
    const data = join(base, 'data');
    const templates = join(base, 'templates');
    await mkdir(join(data, '2024-08-05'), { recursive: true });
    await mkdir(templates);
    await writeFile(join(data, '2024-08-05', 'incidents.yaml'), '[]\n');
    const bursts: ChangeBurst[] = [];
    const watcher = await watchFolders({
      dataDir: data,
      templatesDir: templates,
      debounceMs: 50,
      onChange: (b) => bursts.push(b),
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 700));
    try {
      await rename(data, join(base, 'data-gone'));
      await settle();
      await rename(join(base, 'data-gone'), data);
      await settle();
      // back: said as a change of the pages, and its files followed again
      expect(bursts.at(-1)?.structure).toBe(true);
      const before = bursts.length;
      await writeFile(join(data, '2024-08-05', 'incidents.yaml'), '[] # edited\n');
      await settle();
      expect(bursts.length).toBeGreaterThan(before);
      expect(bursts.at(-1)!.paths).toContain(join(data, '2024-08-05', 'incidents.yaml'));
      // removed, then restored whole
      await rm(data, { recursive: true });
      await settle();
      await mkdir(join(data, '2024-08-06'), { recursive: true });
      await settle();
      const restored = bursts.length;
      await writeFile(join(data, '2024-08-06', 'incidents.yaml'), '[]\n');
      await settle();
      expect(bursts.length).toBeGreaterThan(restored);
      expect(bursts.at(-1)!.paths).toContain(join(data, '2024-08-06', 'incidents.yaml'));
    } finally {
      await watcher.close();
      await rm(base, { recursive: true, force: true });
    }
  });
});
