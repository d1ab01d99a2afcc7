import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEditorNoise } from '../../src/preview/watch.js';

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
