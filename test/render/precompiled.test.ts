// The templates that `npm run build` precompiles render exactly what the templates compiled at
// run time render, and are used only while templates/ is unchanged.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getEngine, readTemplateSources } from '../../src/render/engine.js';
import { renderBriefingHtml } from '../../src/render/index.js';
import { templatesDir } from '../../src/package-files.js';
import { countryModel, emptyModel, sampleRenseignementModel, sampleSecuriteModel } from './sample-model.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'render');

describe('precompiled templates (npm run build)', () => {
  it('were made from the templates as they are now', () => {
    const ahead = createRequire(import.meta.url)(join(DIST, 'precompiled-templates.cjs')) as {
      digest: string;
      partials: Record<string, unknown>;
    };
    const sources = readTemplateSources(templatesDir());
    expect(ahead.digest).toBe(sources.digest);
    expect(Object.keys(ahead.partials)).toEqual(sources.partials.map(([name]) => name));
  });

  it('render every kind of briefing byte for byte as the templates compiled at run time', async () => {
    // src (vitest) compiles at run time; the built module uses the precompiled templates
    const built = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as {
      renderBriefingHtml: typeof renderBriefingHtml;
    };
    const engine = (await import(pathToFileURL(join(DIST, 'engine.js')).href)) as { getEngine(): { from: string } };
    expect(engine.getEngine().from).toBe('precompiled');
    expect(getEngine().from).toBe('compiled');
    for (const model of [sampleSecuriteModel(), sampleRenseignementModel(), emptyModel(), countryModel()]) {
      for (const lang of ['fr', 'en', 'both'] as const) {
        expect(built.renderBriefingHtml(model, { lang })).toBe(renderBriefingHtml(model, { lang }));
      }
    }
  });
});
