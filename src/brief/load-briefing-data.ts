// Loads what briefings on the given dates need: the window's day folders must exist; every
// earlier folder is read for running totals, trends and the forces' fallback.

import { loadDataset, scanDataFolder } from '../data/index.js';
import type { Dataset } from '../model/types.js';
import { checkWindowDays, datesToLoad } from './data-days.js';

export async function loadBriefingData(dataDir: string, dates: readonly string[]): Promise<Dataset> {
  const { dates: available } = await scanDataFolder(dataDir);
  for (const date of dates) checkWindowDays(available, date, dataDir);
  return loadDataset(dataDir, { dates: datesToLoad(available, dates) });
}
