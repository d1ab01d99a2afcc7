import { describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { escapeHtml, headerFooterTemplates } from '../../src/pdf/index.js';
import { mentionSize } from '../../src/pdf/header-footer.js';

const base = { marking: 'TLP:AMBER', specialFrance: false, draft: false, leftText: 'J+15 · 05/08/2024' };

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('headerFooterTemplates', () => {
  it('puts the TLP label, coloured on black at 12 pt, in both the header and the footer', () => {
    const { headerTemplate, footerTemplate } = headerFooterTemplates(base);
    for (const t of [headerTemplate, footerTemplate]) {
      expect(t).toMatch(/background:#000;color:#FFC000;[^"]*font-size:12pt[^>]*>TLP:AMBER</);
      expect(t).toContain('-webkit-print-color-adjust:exact');
    }
    expect(footerTemplate).toContain('<span class="pageNumber"></span> / <span class="totalPages"></span>');
  });

  it('uses the TLP 2.0 colour of the marking unless one is given', () => {
    expect(headerFooterTemplates({ ...base, marking: 'TLP:RED' }).headerTemplate).toContain('color:#FF2B2B');
    expect(headerFooterTemplates({ ...base, marking: 'TLP:GREEN' }).headerTemplate).toContain('color:#33FF00');
    expect(headerFooterTemplates({ ...base, marking: 'TLP:CLEAR' }).headerTemplate).toContain('color:#FFFFFF');
    expect(headerFooterTemplates({ ...base, tlpColor: '#123456' }).headerTemplate).toContain('color:#123456');
  });

  it('adds the protection mention, SPÉCIAL FRANCE and the draft stamp only when asked', () => {
    const plain = headerFooterTemplates(base).headerTemplate;
    expect(plain).not.toContain('SPÉCIAL FRANCE');
    expect(plain).not.toContain('PROJET / DRAFT');
    const all = headerFooterTemplates({
      ...base,
      protectionMention: 'DIFFUSION RESTREINTE',
      specialFrance: true,
      draft: true,
    });
    for (const t of [all.headerTemplate, all.footerTemplate]) {
      expect(t).toContain('DIFFUSION RESTREINTE');
      expect(t).toContain('SPÉCIAL FRANCE');
      expect(t).toContain('PROJET / DRAFT');
    }
  });

  it('escapes every text it is given', () => {
    const t = headerFooterTemplates({
      ...base,
      marking: 'TLP:<b>',
      protectionMention: '<img src=x onerror=alert(1)>',
      leftText: '"><script>alert(1)</script>',
    }).headerTemplate;
    expect(t).not.toContain('<script>');
    expect(t).not.toContain('<img');
    expect(t).not.toContain('<b>');
    expect(t).toContain('&lt;script&gt;');
  });

  it('refuses a colour that could break out of the style attribute', () => {
    expect(() => headerFooterTemplates({ ...base, tlpColor: 'red;background:url(http://x)' })).toThrow(RenderError);
  });

  it('sizes the protection mention from its length: one line at 9 pt when short, up to three lines at 7 pt', () => {
    expect(mentionSize('DIFFUSION RESTREINTE')).toEqual({ size: 9, lines: 1 });
    const usual =
      "DIFFUSION RESTREINTE – USAGE EXCLUSIF DES SERVICES DESTINATAIRES – NE PAS REPRODUIRE NI TRANSMETTRE SANS L'ACCORD DU CENTRE DE COOPÉRATION INTERNATIONALE";
    expect(mentionSize(usual)).toEqual({ size: 8, lines: 2 });
    expect(mentionSize('W'.repeat(160))).toEqual({ size: 7, lines: 3 });
    const t = headerFooterTemplates({ ...base, protectionMention: 'W'.repeat(160) }).headerTemplate;
    expect(t).toContain('font-size:7pt');
    expect(t).toContain('max-height:3.45em');
  });

  it('refuses a protection mention longer than validation allows, rather than cutting it', () => {
    expect(() => headerFooterTemplates({ ...base, protectionMention: 'X'.repeat(161) })).toThrow(RenderError);
  });

  it('keeps the header and the footer in a box as high as the margin, long texts broken inside it', () => {
    const { headerTemplate, footerTemplate } = headerFooterTemplates({ ...base, leftText: 'x'.repeat(500) });
    for (const t of [headerTemplate, footerTemplate]) {
      expect(t).toMatch(/height:17\.5mm;[^"]*overflow:hidden/);
      expect(t).toContain('overflow-wrap:anywhere');
    }
    expect(headerTemplate).toContain('-webkit-line-clamp:2');
  });
});
