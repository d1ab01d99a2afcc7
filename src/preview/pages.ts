// The preview's own pages: the index, the briefing wrapper (toolbar and frame) and the message
// pages (data problems, bad request, server error). Every text from outside is escaped here;
// the briefing itself is rendered, and escaped, by src/render.

import { audienceId, type Audience } from '../audience/audience.js';
import { countryName } from '../data/countries.js';
import { errorsOf, problemLines, type Problem } from '../errors.js';
import { cliLang } from '../i18n/cli-lang.js';
import { t, tn } from '../i18n/messages.js';
import type { Bilingual, EventConfig } from '../model/types.js';
import { escapeHtml as esc } from '../text/escape-html.js';
import { addDays } from '../window/calendar.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { DOC_LANGS, type DocLang } from '../i18n/lang.js';
import { viewQuery, type PreviewView } from './view-query.js';

export interface Site {
  event: EventConfig;
  /** Day folders of the data folder, sorted. */
  dates: string[];
}

// Each language by its own name, whatever the language of the page.
const LANG_LABELS: Record<DocLang, string> = { both: 'FR + EN', fr: 'Français', en: 'English' };

/** A bilingual text of event.yaml in the language of the page, else the other one. */
function pick(b: Bilingual): string | undefined {
  return cliLang() === 'fr' ? (b.fr ?? b.en) : (b.en ?? b.fr);
}

const STYLE = `
:root { color-scheme: light; --ink: #1b2330; --muted: #5b6676; --line: #d8dee8; --bar: #14213d; --accent: #1d4ed8; --bad: #b42318; }
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #f4f6f9; }
a { color: var(--accent); }
code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 7px 14px; background: var(--bar); color: #fff; font-size: 14px; }
.bar a { color: #fff; text-decoration: none; }
.bar .brand { font-weight: 700; letter-spacing: .02em; white-space: nowrap; }
.bar .brand small { font-weight: 400; opacity: .75; margin-left: 6px; }
.bar form { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin: 0; }
.bar label { display: flex; align-items: center; gap: 5px; font-size: 12px; opacity: .85; }
.bar select, .bar button { font: inherit; font-size: 13px; max-width: 19em; padding: 3px 4px; border-radius: 5px; border: 1px solid #53618a; background: #22325a; color: #fff; opacity: 1; }
.bar .step { padding: 2px 8px; border: 1px solid #53618a; border-radius: 5px; }
.bar .spacer { flex: 1; }
.bar .button { padding: 4px 10px; border-radius: 5px; background: #fff; color: var(--bar); font-weight: 600; }
.bar .draft { padding: 2px 8px; border-radius: 4px; background: #fde68a; color: #713f12; font-weight: 700; font-size: 12px; letter-spacing: .05em; }
.live { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: #9aa4b5; }
.live.on { background: #22c55e; }
.live.off { background: #ef4444; }
.frame-page { display: flex; flex-direction: column; height: 100vh; }
.frame-page .frame-main { flex: 1; display: flex; flex-direction: column; max-width: none; margin: 0; padding: 0; }
.issued-bar { margin: 0; padding: 4px 14px; background: #fef3c7; color: #713f12; font-size: 13px; border-bottom: 1px solid #f3d98b; }
.frame-page iframe { flex: 1; width: 100%; border: 0; background: #fff; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.chooser { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; }
.chooser label { display: flex; align-items: center; gap: 6px; color: var(--muted); font-size: 13px; }
.chooser select, .chooser button { font: inherit; font-size: 14px; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); }
.chooser button { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; padding: 4px 14px; }
main { max-width: 1040px; margin: 24px auto; padding: 0 20px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin-bottom: 18px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.sub { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td a { margin-right: 10px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.chips li { padding: 3px 10px; border: 1px solid var(--line); border-radius: 999px; background: #f8fafc; }
.problems { margin: 0; padding-left: 20px; }
.problems li { margin: 6px 0; }
.problems code { color: var(--bad); white-space: pre-wrap; word-break: break-word; }
.message h1 { color: var(--bad); }
.hint { color: var(--muted); }
@media print { .bar { display: none !important; } .frame-page { height: auto; } }
`;

interface ShellOptions {
  title: string;
  nonce: string;
  body: string;
  bodyClass?: string;
}

function shell(o: ShellOptions): string {
  return `<!DOCTYPE html>
<html lang="${cliLang()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<style nonce="${esc(o.nonce)}">${STYLE}</style>
</head>
<body${o.bodyClass ? ` class="${esc(o.bodyClass)}"` : ''}>
${o.body}
<script nonce="${esc(o.nonce)}">${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

function brandBar(inner = ''): string {
  return `<header class="bar" aria-label="${esc(t('preview.page.toolbar'))}">
<a class="brand" href="/" title="${esc(t('preview.page.brandTitle'))}">cci preview</a>
${inner}
<span class="spacer"></span>
<span id="cci-live" class="live" title="${esc(t('preview.page.liveConnecting'))}" data-on="${esc(t('preview.page.liveOn'))}" data-off="${esc(t('preview.page.liveOff'))}"></span>
</header>`;
}

function audienceName(a: Audience): string {
  if (a.kind === 'country') return pick(countryName(a.country)) ?? a.country;
  return a.kind === 'partners' ? t('preview.page.partners') : t('preview.page.national');
}

function audienceLabel(a: Audience): string {
  return a.kind === 'country' ? `${a.country} — ${audienceName(a)}` : audienceName(a);
}

export function audiencesOf(event: EventConfig): Audience[] {
  return [
    { kind: 'partners' },
    { kind: 'national' },
    ...event.partners.map((country): Audience => ({ kind: 'country', country })),
  ];
}

function divisionLabel(event: EventConfig, id: string): string {
  const d = event.divisions.find((x) => x.id === id);
  return d ? `${pick(d.title) ?? id} (${d.time})` : id;
}

function options<T>(items: readonly T[], value: (t: T) => string, label: (t: T) => string, selected: string): string {
  return items
    .map((t) => `<option value="${esc(value(t))}"${value(t) === selected ? ' selected' : ''}>${esc(label(t))}</option>`)
    .join('');
}

/** The toolbar of a briefing: switches for the view, a day back and forth, the PDF link. */
export function toolbar(site: Site, view: PreviewView): string {
  const dates = site.dates.includes(view.date) ? site.dates : [...site.dates, view.date].sort();
  const audience = audienceId(view.audience);
  const switches = `<form id="cci-switch" method="get" action="/brief">
<label>${esc(t('preview.page.division'))} <select name="division">${options(
    site.event.divisions,
    (d) => d.id,
    (d) => divisionLabel(site.event, d.id),
    view.division,
  )}</select></label>
<a class="step" href="/brief?${esc(viewQuery(view, { date: addDays(view.date, -1) }))}" title="${esc(t('preview.page.dayBefore'))}" aria-label="${esc(t('preview.page.dayBefore'))}">&lsaquo;</a>
<label>${esc(t('preview.page.date'))} <select name="date">${options(
    [...dates].reverse(),
    (d) => d,
    (d) => d,
    view.date,
  )}</select></label>
<a class="step" href="/brief?${esc(viewQuery(view, { date: addDays(view.date, 1) }))}" title="${esc(t('preview.page.dayAfter'))}" aria-label="${esc(t('preview.page.dayAfter'))}">&rsaquo;</a>
<label>${esc(t('preview.page.audience'))} <select name="audience">${options(audiencesOf(site.event), audienceId, audienceLabel, audience)}</select></label>
<label>${esc(t('preview.page.language'))} <select name="lang">${options(
    DOC_LANGS,
    (l) => l,
    (l) => LANG_LABELS[l],
    view.lang,
  )}</select></label>
<noscript><button type="submit">${esc(t('preview.page.show'))}</button></noscript>
</form>
<span class="draft">PROJET / DRAFT</span>
<a class="button" href="/pdf?${esc(viewQuery(view))}" target="_blank" rel="noopener">PDF</a>`;
  return brandBar(switches);
}

/** The briefing page: the toolbar above a frame holding the briefing document, untouched. */
export function briefingPage(site: Site, view: PreviewView, nonce: string, issued?: string): string {
  const title = `${divisionLabel(site.event, view.division)} — ${view.date} — ${audienceId(view.audience)} — cci preview`;
  const body = `<div class="frame-page">
${toolbar(site, view)}
<main class="frame-main" aria-labelledby="cci-page-title"><h1 id="cci-page-title" class="visually-hidden">${esc(title)}</h1>
${issued === undefined ? '' : `<p class="issued-bar" id="cci-issued">${esc(issued)}</p>`}
<iframe id="cci-doc" title="${esc(t('preview.page.frameTitle'))}" src="/doc?${esc(viewQuery(view))}"></iframe>
</main>
</div>`;
  return shell({ title, nonce, body });
}

/** What can be previewed: a link per date and division, the audiences and languages. */
export function indexPage(site: Site, dataDir: string, nonce: string): string {
  const { event } = site;
  const base: Omit<PreviewView, 'date' | 'division'> = { audience: { kind: 'partners' }, lang: 'both' };
  const rows = [...site.dates].reverse().map((date) => {
    const links = event.divisions
      .map(
        (d) =>
          `<a href="/brief?${esc(viewQuery({ ...base, date, division: d.id }))}">${esc(d.title[cliLang()] ?? d.id)}</a>`,
      )
      .join('');
    return `<tr><td><code>${esc(date)}</code></td><td>${links}</td></tr>`;
  });
  const table =
    rows.length > 0
      ? `<table><thead><tr><th>${esc(t('preview.page.date'))}</th><th>${esc(t('preview.page.briefingsColumn'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : `<p class="hint">${esc(t('preview.page.noDayFolder'))}</p>`;
  const latest = site.dates.at(-1);
  const chooser =
    latest === undefined || event.divisions[0] === undefined
      ? ''
      : `<section class="card">
<h2>${esc(t('preview.page.openBriefing'))}</h2>
<form method="get" action="/brief" class="chooser">
<label>${esc(t('preview.page.division'))} <select name="division">${options(
          event.divisions,
          (d) => d.id,
          (d) => divisionLabel(event, d.id),
          event.divisions[0].id,
        )}</select></label>
<label>${esc(t('preview.page.date'))} <select name="date">${options(
          [...site.dates].reverse(),
          (d) => d,
          (d) => d,
          latest,
        )}</select></label>
<label>${esc(t('preview.page.audience'))} <select name="audience">${options(audiencesOf(event), audienceId, audienceLabel, 'partners')}</select></label>
<label>${esc(t('preview.page.language'))} <select name="lang">${options(
          DOC_LANGS,
          (l) => l,
          (l) => LANG_LABELS[l],
          'both',
        )}</select></label>
<button type="submit">${esc(t('preview.page.preview'))}</button>
</form>
</section>`;
  const body = `${brandBar()}
<main>
<section class="card">
<h1>${esc(pick(event.name) ?? event.id)}</h1>
<p class="sub">${esc(pick(event.centre) ?? '')} · ${esc(event.timezone)} · ${esc(t('preview.page.data'))} <code>${esc(dataDir)}</code></p>
</section>
${chooser}
<section class="card">
<h2>${esc(t('preview.page.dates'))}</h2>
${table}
</section>
<section class="card">
<h2>${esc(t('preview.page.divisions'))}</h2>
<ul class="chips">${event.divisions.map((d) => `<li>${esc(divisionLabel(event, d.id))}</li>`).join('')}</ul>
</section>
<section class="card">
<h2>${esc(t('preview.page.audiences'))}</h2>
<ul class="chips">${audiencesOf(event)
    .map((a) => `<li><code>${esc(audienceId(a))}</code> ${esc(audienceName(a))}</li>`)
    .join('')}</ul>
</section>
<section class="card">
<h2>${esc(t('preview.page.languages'))}</h2>
<ul class="chips">${DOC_LANGS.map((l) => `<li><code>${l}</code> ${esc(LANG_LABELS[l])}</li>`).join('')}</ul>
<p class="hint">${esc(t('preview.page.indexHint'))}</p>
</section>
</main>`;
  return shell({ title: `cci preview — ${event.name[cliLang()] ?? event.id}`, nonce, body });
}

export interface MessageOptions {
  heading: string;
  /** Plain text paragraphs. */
  text?: string[];
  problems?: readonly Problem[];
}

function messageBody(m: MessageOptions): string {
  const paragraphs = (m.text ?? []).map((t) => `<p>${esc(t)}</p>`).join('\n');
  const list =
    m.problems && m.problems.length > 0
      ? `<ol class="problems">${problemLines(m.problems)
          .map((line) => `<li><code>${esc(line)}</code></li>`)
          .join('')}</ol>`
      : '';
  return `<main><section class="card message"><h1>${esc(m.heading)}</h1>
${paragraphs}
${list}
</section></main>`;
}

/** A message as a preview page: the bar and live reload, so it goes away once fixed. */
export function messagePage(m: MessageOptions, nonce: string): string {
  return shell({ title: `${m.heading} — cci preview`, nonce, body: `${brandBar()}\n${messageBody(m)}` });
}

/** A message as the framed document: no script (the page around it reloads it). */
export function messageDocument(m: MessageOptions): string {
  return `<!DOCTYPE html>
<html lang="${cliLang()}">
<head>
<meta charset="utf-8">
<title>${esc(m.heading)}</title>
<style>${STYLE}</style>
</head>
<body>
${messageBody(m)}
</body>
</html>
`;
}

/**
 * The answer to a request without the token or the cookie (403): both languages, no script, no
 * link, nothing of the data folder; says to open the address cci printed.
 */
export function forbiddenPage(nonce: string): string {
  const part = (
    lang: 'fr' | 'en',
  ) => `<section class="card message" lang="${lang}"><h1>${esc(t('preview.page.forbiddenHeading', {}, lang))}</h1>
<p>${esc(t('preview.page.forbiddenText', {}, lang))}</p></section>`;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('preview.page.forbiddenHeading', {}, 'fr'))} / ${esc(t('preview.page.forbiddenHeading', {}, 'en'))} — cci preview</title>
<style nonce="${esc(nonce)}">${STYLE}</style>
</head>
<body>
<main>
${part('fr')}
${part('en')}
</main>
</body>
</html>
`;
}

export function problemsMessage(problems: readonly Problem[]): MessageOptions {
  return {
    heading: tn('preview.page.problemsHeading', errorsOf(problems).length),
    text: [t('preview.page.problemsHint')],
    problems,
  };
}
