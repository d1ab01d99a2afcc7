// The PDF's structure, as a screen reader follows it (issue 18): the tag tree of the demo's
// 5 August briefings read back with two readers nobody here wrote, poppler (pdfinfo -struct-text)
// and pdf.js (getStructTree, getOutline): no element poppler rejects, headings with their text,
// content in paragraphs, lists and tables, each chart a Figure with its alternative text in both
// languages, table header cells, the marking read once on every page, the language of each span,
// bookmarks by section and the title in the window bar. The same for main's late reports and for a
// corrigendum, once briefings have been issued (issued-demo.ts): 5 August's briefings with their
// late reports and the corrigendum No. 1 of 4 August, both divisions.

import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cci, ROOT, tempDir } from './helpers.js';
import { issuedDemo } from './issued-demo.js';

const exec = promisify(execFile);

interface Node {
  role: string;
  lang?: string;
  alt?: string;
  /** Text of the node's own marked content and of its descendants', in reading order. */
  text: string;
  children: Node[];
}

interface Doc {
  /** The whole tree, and each page's (pdf.js gives the tree of the elements with content on a page). */
  tree: Node;
  pages: Node[];
  outline: string[];
  displayDocTitle: boolean;
  title: string;
}

/** Reads a PDF's structure tree with pdf.js, the text of each marked-content item filled in. */
async function readDoc(file: string): Promise<Doc> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    const pages: Node[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const texts = new Map<string, string>();
      const open: (string | null)[] = [];
      for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined) {
          const id = open.findLast((x) => x !== null);
          if (id) texts.set(id, `${texts.get(id) ?? ''}${item.str}`);
        }
      }
      type Raw = { role?: string; type?: string; id?: string; lang?: string; alt?: string; children?: Raw[] };
      const convert = (n: Raw): Node => {
        if (n.type === 'content') return { role: '#content', text: texts.get(n.id!) ?? '', children: [] };
        const children = (n.children ?? []).map(convert);
        return {
          role: n.role ?? n.type ?? '',
          text: children
            .map((c) => c.text)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
          children,
          ...(n.lang && { lang: n.lang }),
          ...(n.alt && { alt: n.alt }),
        };
      };
      pages.push(convert((await page.getStructTree()) as Raw));
    }
    const flatOutline = (items: { title: string; items: unknown[] }[] | null): string[] =>
      (items ?? []).flatMap((i) => [i.title, ...flatOutline(i.items as { title: string; items: unknown[] }[])]);
    const prefs = (await doc.getViewerPreferences()) as Record<string, unknown> | null;
    const meta = await doc.getMetadata();
    return {
      tree: pages[0]!,
      pages,
      outline: flatOutline((await doc.getOutline()) as { title: string; items: unknown[] }[] | null),
      displayDocTitle: prefs?.DisplayDocTitle === true,
      title: String((meta.info as { Title?: string }).Title ?? ''),
    };
  } finally {
    await doc.destroy();
  }
}

const walk = (n: Node, f: (n: Node, ancestors: Node[]) => void, ancestors: Node[] = []): void => {
  f(n, ancestors);
  for (const c of n.children) walk(c, f, [...ancestors, n]);
};
const all = (n: Node, role: string | RegExp): Node[] => {
  const out: Node[] = [];
  walk(n, (x) => {
    if (typeof role === 'string' ? x.role === role : role.test(x.role)) out.push(x);
  });
  return out;
};

let out: string;
const docs = new Map<string, Doc>();
const files = new Map<string, string>();
const file = (name: string) => files.get(name)!;

beforeAll(async () => {
  out = await tempDir('cci-structure-');
  const data = join(ROOT, 'data');
  for (const lang of [[], ['--lang', 'en']]) {
    const r = await cci([
      'brief',
      '--data',
      data,
      '--date',
      '2024-08-05',
      '--division',
      'securite,renseignement',
      '--format',
      'pdf',
      '--out',
      out,
      ...lang,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
  for (const name of ['securite-partners', 'renseignement-partners', 'securite-partners-en'])
    files.set(name, join(out, `cci-2024-08-05-${name}.pdf`));
  const demo = await issuedDemo();
  const issued = [
    ...(await demo.brief('2024-08-05', '--format', 'pdf')),
    ...(await demo.brief('2024-08-04', '--format', 'pdf')),
  ];
  for (const [name, suffix] of [
    ['late-securite', '2024-08-05-securite-partners.pdf'],
    ['late-renseignement', '2024-08-05-renseignement-partners.pdf'],
    ['corrigendum-securite', '2024-08-04-securite-partners-rectificatif-1.pdf'],
    ['corrigendum-renseignement', '2024-08-04-renseignement-partners-rectificatif-1.pdf'],
  ] as const) {
    const found = issued.find((f) => f.endsWith(`cci-${suffix}`));
    expect(found, `${suffix} in ${issued.join(', ')}`).toBeDefined();
    files.set(name, found!);
  }
  for (const [name, path] of files) docs.set(name, await readDoc(path));
}, 240_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the tagged PDF a screen reader follows', () => {
  it('has no structure element poppler rejects (an Aside, an Em or a Strong of PDF 2.0)', async () => {
    for (const name of docs.keys()) {
      const r = await exec('pdfinfo', ['-struct-text', file(name)], { maxBuffer: 64 * 1024 * 1024 });
      expect(r.stderr, name).not.toMatch(/wrong type|Syntax Error/);
      expect(r.stdout, name).toMatch(/^Document/);
    }
  });

  it('has one H1 with the title and an H2 for every section, in order, each with its text in both languages', () => {
    const doc = docs.get('securite-partners')!;
    const h1 = all(doc.pages[0]!, 'H1');
    expect(h1.map((h) => h.text)).toEqual(['Briefing Sécurité générale General security briefing']);
    const h2: string[] = [];
    // A heading moved to the next page by a page break keeps an empty piece on the page before: the
    // same element, read once (pdf.js gives each page's tree, so it shows there without text).
    doc.pages.forEach((p) =>
      walk(p, (n) => {
        if (n.role === 'H2' && n.text !== '' && !h2.includes(n.text)) h2.push(n.text);
      }),
    );
    expect(h2).toEqual([
      'Messages clés Key messages',
      'Niveau de menace national (Vigipirate) National threat level (Vigipirate)',
      'Chiffres clés Key figures',
      // main's late reports: present before any briefing was issued, saying nothing could be compared
      'Signalé depuis le dernier briefing Reported since the last briefing',
      'Forces déployées Forces deployed',
      'Tendance sur 7 jours 7-day trend',
      'Faits marquants Notable facts',
      'Incidents par catégorie Incidents by category',
      'Incidents par département Incidents by department',
      'Carte des incidents par département Map of incidents by department',
      'Incidents impliquant des ressortissants étrangers Incidents involving foreign nationals',
      'Perspectives jusqu’au prochain briefing Outlook until the next briefing',
      'Cotation des sources et des informations Source and information grading',
    ]);
    // Renseignement: H3 by theme under its section, H4 by assessment under its theme.
    const rens = docs.get('renseignement-partners')!;
    const levels: string[] = [];
    rens.pages.forEach((p) =>
      walk(p, (n) => {
        if (/^H[1-4]$/.test(n.role)) levels.push(n.role);
      }),
    );
    expect(levels).toContain('H3');
    for (let i = 1; i < levels.length; i++)
      expect(Number(levels[i]![1]) - Number(levels[i - 1]![1]), levels.join(' ')).toBeLessThanOrEqual(1);
  });

  it('puts most of the text in paragraphs, lists, tables, headings and figures rather than bare NonStruct', () => {
    for (const [name, doc] of docs) {
      let structured = 0;
      let bare = 0;
      for (const page of doc.pages) {
        walk(page, (n, ancestors) => {
          if (n.role !== '#content' || n.text.trim() === '') return;
          const chars = n.text.replace(/\s/g, '').length;
          if (ancestors.some((a) => /^(P|H[1-6]|L|LI|Table|TR|TH|TD|Figure|Caption|Art|BlockQuote|Code)$/.test(a.role)))
            structured += chars;
          else bare += chars;
        });
      }
      expect(structured / (structured + bare), name).toBeGreaterThan(0.97);
    }
  });

  it('makes each chart a Figure whose alternative text is its title and its data, in both languages', () => {
    const doc = docs.get('securite-partners')!;
    const figures: Node[] = [];
    doc.pages.forEach((p) =>
      walk(p, (n) => {
        if (n.role === 'Figure' && n.alt && !figures.some((f) => f.alt === n.alt)) figures.push(n);
      }),
    );
    const alts = figures.map((f) => f.alt!);
    expect(alts).toHaveLength(5); // forces, trend, by category, by département, map
    for (const [fr, en] of [
      ['Forces déployées', 'Forces deployed'],
      ['Tendance sur 7 jours', '7-day trend'],
      ['Incidents par catégorie', 'Incidents by category'],
      ['Incidents par département', 'Incidents by department'],
      ['Carte des incidents par département', 'Map of incidents by department'],
    ]) {
      const alt = alts.find((a) => a.startsWith(`${fr} / ${en}`));
      expect(alt, fr).toBeDefined();
      expect(alt!.split(' — '), fr).toHaveLength(2); // the data in French, then in English
    }
    expect(alts.find((a) => a.startsWith('Tendance'))).toMatch(
      /lun\. 5 août\s: Incidents 29.* — .*Mon 5 Aug: Incidents 29/,
    );
    expect(
      docs
        .get('securite-partners-en')!
        .pages.some((p) => all(p, 'Figure').some((f) => f.alt?.startsWith('Forces deployed ') === true)),
    ).toBe(true);
  });

  it('gives the tables header cells', () => {
    const doc = docs.get('securite-partners')!;
    const tables = doc.pages.flatMap((p) => all(p, 'Table'));
    expect(tables.length).toBeGreaterThanOrEqual(3); // trend, nationals, outlook
    for (const t of tables) expect(all(t, 'TH').length, t.text.slice(0, 40)).toBeGreaterThan(0);
  });

  it('reads the marking once on every page, first, as a paragraph', () => {
    for (const [name, doc] of docs) {
      doc.pages.forEach((page, i) => {
        const paragraphs = all(page, 'P').filter((p) => /Document marking|Marquage du document/.test(p.text));
        expect(paragraphs, `${name} page ${i + 1}`).toHaveLength(1);
        expect(paragraphs[0]!.text, `${name} page ${i + 1}`).toMatch(/TLP:AMBER DIFFUSION RESTREINTE$/);
        const first = all(page, /^(P|H1|H2|L|Table|Figure)$/)[0]!;
        expect(first, `${name} page ${i + 1}: read first`).toBe(paragraphs[0]);
      });
    }
  });

  it('says the language of the document and of every English span', () => {
    const both = docs.get('securite-partners')!;
    expect(both.tree.children[0]!.lang).toBe('fr');
    const english = both.pages.flatMap((p) => {
      const out: Node[] = [];
      walk(p, (n) => {
        if (n.lang === 'en') out.push(n);
      });
      return out;
    });
    expect(english.length).toBeGreaterThan(100);
    for (const text of [
      'Key messages',
      'General security briefing',
      'Heat: spectators taken ill at outdoor venues; hydration advice reiterated.',
    ]) {
      expect(
        english.some((n) => n.text === text),
        text,
      ).toBe(true);
    }
    expect(docs.get('securite-partners-en')!.tree.children[0]!.lang).toBe('en');
  });

  it('has bookmarks by section, titled in both languages, and shows its title in the window bar', () => {
    const doc = docs.get('securite-partners')!;
    expect(doc.outline.slice(0, 4)).toEqual([
      'Briefing Sécurité générale / General security briefing',
      'Messages clés / Key messages',
      'Niveau de menace national (Vigipirate) / National threat level (Vigipirate)',
      'Chiffres clés / Key figures',
    ]);
    expect(doc.outline).toContain('Forces déployées / Forces deployed');
    expect(doc.outline).toHaveLength(14);
    expect(doc.displayDocTitle).toBe(true);
    expect(doc.title).toContain('Briefing Sécurité générale');
    expect(docs.get('securite-partners-en')!.outline[1]).toBe('Key messages');
  });
});

/** The headings' texts in reading order, each once (a heading split by a page break leaves an empty piece). */
const headings = (doc: Doc, role: RegExp): string[] => {
  const out: string[] = [];
  doc.pages.forEach((p) =>
    walk(p, (n) => {
      if (role.test(n.role) && n.text !== '' && !out.includes(`${n.role} ${n.text}`)) out.push(`${n.role} ${n.text}`);
    }),
  );
  return out;
};
const elements = (doc: Doc, role: string): Node[] => doc.pages.flatMap((p) => all(p, role));

describe('the late reports and a corrigendum, as a screen reader follows them', () => {
  it('goes down one heading level at a time in every document', () => {
    for (const [name, doc] of docs) {
      const levels = headings(doc, /^H[1-6]$/).map((h) => Number(h[1]));
      expect(levels[0], name).toBe(1);
      for (let i = 1; i < levels.length; i++)
        expect(levels[i]! - levels[i - 1]!, `${name}: ${headings(doc, /^H[1-6]$/).join(' | ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('makes the late reports an H2 after the key figures, with H3 parts, its records in lists and the revised figures in a table with header cells', () => {
    const doc = docs.get('late-securite')!;
    const h = headings(doc, /^H[23]$/);
    const at = h.indexOf('H2 Signalé depuis le dernier briefing Reported since the last briefing');
    expect(h[at - 1]).toBe('H2 Chiffres clés Key figures');
    // every part is an H3: each record reported late or changed (its status and period), then the
    // periods without briefing and the revised figures; no part is a plain paragraph
    const next = h.findIndex((x, i) => i > at && x.startsWith('H2 '));
    const parts = h.slice(at + 1, next === -1 ? undefined : next);
    expect(
      parts.every((x) => x.startsWith('H3 ')),
      parts.join(' | '),
    ).toBe(true);
    expect(
      parts.filter((x) => /^H3 SIGNALÉ TARDIVEMENT REPORTED LATE Période du briefing du /.test(x)).length,
      parts.join(' | '),
    ).toBeGreaterThan(0);
    expect(parts.slice(-2)).toEqual([
      'H3 Périodes sans briefing Periods no briefing covered',
      'H3 Chiffres de briefings diffusés révisés Figures of issued briefings revised',
    ]);
    const paragraphs = elements(doc, 'P').map((p) => p.text);
    expect(
      paragraphs.some((t) => /Signalé tardivement|Reported late|Modifié depuis la diffusion/i.test(t)),
      "a late item's head as a P",
    ).toBe(false);
    const lists = elements(doc, 'L').map((l) => l.text);
    for (const record of [
      'Radio equipment stolen from a service vehicle',
      'Leisure drone flown over the Château de Versailles',
      'J13',
    ]) {
      expect(
        lists.some((t) => t.includes(record)),
        record,
      ).toBe(true);
    }
    const revisions = elements(doc, 'Table').find((t) => t.text.includes('Tel que diffusé As issued'));
    expect(revisions).toBeDefined();
    expect(all(revisions!, 'TH').length).toBeGreaterThanOrEqual(4);
    const english = doc.pages.flatMap((p) => {
      const out: Node[] = [];
      walk(p, (n) => {
        if (n.lang === 'en') out.push(n);
      });
      return out;
    });
    expect(
      english.some(
        (n) => n.text === 'Radio equipment stolen from a service vehicle, reported after the briefing was issued.',
      ),
    ).toBe(true);
    expect(english.some((n) => n.text === 'Reported since the last briefing')).toBe(true);
    const i = doc.outline.indexOf('Signalé depuis le dernier briefing / Reported since the last briefing');
    expect(doc.outline.slice(i - 1, i + 1)).toEqual([
      'Chiffres clés / Key figures',
      'Signalé depuis le dernier briefing / Reported since the last briefing',
    ]);
    const j = doc.outline.indexOf('Périodes sans briefing / Periods no briefing covered');
    expect(j).toBeGreaterThan(i);
    expect(doc.outline[j + 1]).toBe('Chiffres de briefings diffusés révisés / Figures of issued briefings revised');
    // an assessment reported late is an H4 under its late item's H3, before the threat assessments' H2
    const rens = headings(docs.get('late-renseignement')!, /^H[234]$/);
    const late = rens.indexOf('H2 Signalé depuis le dernier briefing Reported since the last briefing');
    expect(rens[late + 1]).toMatch(
      /^H3 (SIGNALÉ TARDIVEMENT REPORTED LATE|MODIFIÉ DEPUIS LA DIFFUSION CHANGED SINCE ISSUED) /,
    );
    expect(rens[late + 2]).toBe('H4 Hameçonnage visant les billetteries Phishing aimed at ticketing');
    expect(rens.indexOf('H2 Évaluations de la menace Threat assessments')).toBeGreaterThan(late + 1);
  });

  it('names a corrigendum first: its H2 before the key messages, its bookmark and its title in the window bar', () => {
    for (const name of ['corrigendum-securite', 'corrigendum-renseignement']) {
      const doc = docs.get(name)!;
      const h = headings(doc, /^H[1-3]$/);
      expect(h[0], name).toMatch(/^H1 Briefing /);
      expect(h[1], name).toBe('H2 RECTIFICATIF n° 1 CORRIGENDUM No. 1');
      expect(h[2], name).toMatch(/^H3 (Chiffres modifiés|Faits ajoutés)/);
      expect(h.filter((x) => x.startsWith('H2 '))[1], name).toBe('H2 Messages clés Key messages');
      expect(doc.outline[1], name).toBe('RECTIFICATIF n° 1 / CORRIGENDUM No. 1');
      expect(doc.title, name).toMatch(/^RECTIFICATIF n° 1 \/ CORRIGENDUM No\. 1 — .*dimanche 4 août 2024/);
      expect(doc.displayDocTitle, name).toBe(true);
    }
    const doc = docs.get('corrigendum-securite')!;
    expect(headings(doc, /^H3$/).slice(0, 3)).toEqual([
      'H3 Chiffres modifiés Figures changed',
      'H3 Faits ajoutés Records added',
      'H3 Faits modifiés Records changed',
    ]);
    const figures = elements(doc, 'Table').find((t) => t.text.includes('Avant Before'));
    expect(figures).toBeDefined();
    expect(all(figures!, 'TH').length).toBeGreaterThanOrEqual(5);
    const lists = elements(doc, 'L').map((l) => l.text);
    expect(lists.some((t) => t.includes('Leisure drone'))).toBe(true);
    // an assessment added is named by its theme's label, not its code
    const added = elements(docs.get('corrigendum-renseignement')!, 'L').find((l) =>
      l.text.includes('Phishing aimed at ticketing'),
    );
    expect(added?.text).toMatch(/Cybermenace Cyber threat/);
  });
});
