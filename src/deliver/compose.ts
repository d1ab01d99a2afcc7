// The words of one briefing email, from its BriefingModel only (what its audience may see):
// subject, plain-text body and HTML body. Both bodies open with the TLP label (and the
// protection mention, SPÉCIAL FRANCE when the document carries it), then the key figures and key
// messages of that document, then say that the PDF is attached. Labels come from the
// catalogues; dates and times are read from the model's strings, never from the machine's zone.

import type { BriefingModel, Figures } from '../aggregate/model.js';
import { TLP_COLOURS } from '../audience/marking.js';
import type { Bilingual } from '../model/types.js';
import type { Lang } from '../i18n/lang.js';
import { escapeHtml } from '../text/escape-html.js';
import { emailLabel } from './labels.js';
import { eventWord } from '../i18n/event-words.js';

export type EmailLang = Lang | 'both';

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

const FIGURES: readonly (keyof Figures)[] = ['incidents', 'gamesImpact', 'arrests', 'custody', 'forces'];
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function langsOf(lang: EmailLang): Lang[] {
  return lang === 'both' ? ['fr', 'en'] : [lang];
}

export function composeEmail(model: BriefingModel, lang: EmailLang, attachmentName: string): ComposedEmail {
  const langs = langsOf(lang);
  return {
    subject: subjectOf(model, langs),
    text: textOf(model, langs, attachmentName),
    html: htmlOf(model, langs, attachmentName),
  };
}

/**
 * `[TLP:AMBER] CCI – Briefing Sécurité générale – 05/08/2024 11h30 – Allemagne` (+ ` / ICC –
 * General security briefing – Germany`): the audience is in the subject, so that the partners'
 * email and each country's are told apart in a mailbox.
 */
export function subjectOf(model: BriefingModel, langs: readonly Lang[]): string {
  const marks = [`[${model.marking}]`];
  if (model.specialFrance) marks.push(`[${specialLabel(model, langs[0] ?? 'fr')}]`);
  // a corrigendum says so first: [TLP:AMBER] RECTIFICATIF n° 1 / CORRIGENDUM No. 1 – CCI – …
  const k = model.corrigendum?.number;
  if (k !== undefined) marks.push(`${langs.map((l) => emailLabel(l, 'corrigendum', { n: String(k) })).join(' / ')} –`);
  const parts = langs.map((l, i) => {
    const centre = centreShort(model.event.centre, l) || eventName(model, l);
    const title = text(model.divisionTitle, l) ?? model.division;
    const audience = subjectAudience(model, l);
    if (i > 0) return emailLabel(l, 'subjectShort', { centre, title, audience });
    return emailLabel(l, 'subject', {
      centre,
      title,
      audience,
      date: shortDate(model.date, l),
      time: clock(model.briefingTime, l),
    });
  });
  return `${marks.join(' ')} ${parts.join(' / ')}`;
}

/** `Partenaires` / `Partners`, `National`, or the country's name in that language. */
function subjectAudience(model: BriefingModel, lang: Lang): string {
  if (model.audience === 'partners' || model.audience === 'national')
    return emailLabel(lang, `subjectAudience.${model.audience}`);
  const name = model.audienceCountryName ? text(model.audienceCountryName, lang) : undefined;
  return name ?? model.audienceCountry ?? model.audience.replace(/^country:/, '');
}

/** The marking line every body opens with: `TLP:AMBER – DIFFUSION RESTREINTE – SPÉCIAL FRANCE`. */
export function markingLine(model: BriefingModel, lang: Lang): string {
  const parts = [model.marking];
  if (model.protectionMention) parts.push(model.protectionMention);
  if (model.specialFrance) parts.push(specialLabel(model, lang));
  return parts.join(' – ');
}

interface Section {
  lang: Lang;
  /** A corrigendum: what it is and what changed, in one sentence. */
  corrigendum?: string;
  centre: string;
  heading: string;
  window: string;
  audience: string;
  figuresTitle: string;
  figures: { label: string; value: string; previous: string; line: string }[];
  messagesTitle: string;
  messages: string[];
  attached: string;
}

function sectionOf(model: BriefingModel, lang: Lang, attachmentName: string): Section {
  const num = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 });
  const pending = emailLabel(lang, 'translationPending');
  const title = text(model.divisionTitle, lang) ?? model.division;
  // the figures the briefing shows as cards (forces only for a division that covers deployments)
  const figures = FIGURES.filter((key) => model.keyFigures.includes(key)).map((key) => {
    const label = eventWord(model.words, lang, `email.figures.${key}`) ?? emailLabel(lang, `figures.${key}`);
    if (key === 'forces') return forcesFigure(model, lang, label, num);
    const value = num.format(model.figures[key]);
    const previous = num.format(model.previous[key]);
    return { label, value, previous, line: emailLabel(lang, 'figureLine', { label, value, previous }) };
  });
  const country = model.audienceCountryName
    ? (text(model.audienceCountryName, lang) ?? model.audienceCountry ?? '')
    : (model.audienceCountry ?? '');
  const audienceKey = model.audience === 'partners' || model.audience === 'national' ? model.audience : 'country';
  const c = model.corrigendum;
  return {
    lang,
    ...(c && {
      corrigendum: emailLabel(lang, c.supersedes.uncertain ? 'corrigendumLineUncertain' : 'corrigendumLine', {
        title: emailLabel(lang, 'corrigendum', { n: String(c.number) }),
        date: wallClock(c.supersedes.at, lang, model.event.timezone),
        added: num.format(c.added.length),
        removed: num.format(c.removed.length),
        changed: num.format(c.changed.length),
        figures: num.format(c.figures.length),
      }),
    }),
    centre:
      text(model.event.centre, lang) ?? text(model.event.centre, lang === 'fr' ? 'en' : 'fr') ?? eventName(model, lang),
    heading: emailLabel(lang, 'heading', {
      title,
      date: longDate(model.date, lang),
      time: clock(model.briefingTime, lang),
      serial: String(model.serial),
    }),
    window: emailLabel(lang, 'window', {
      start: wallClock(model.window.start, lang),
      end: wallClock(model.window.end, lang),
    }),
    audience: emailLabel(lang, 'audience', { audience: emailLabel(lang, `audiences.${audienceKey}`, { country }) }),
    figuresTitle: emailLabel(lang, 'keyFigures'),
    figures,
    messagesTitle: emailLabel(lang, 'keyMessages'),
    messages: model.keyMessages.map((m) => text(m.text, lang) ?? `(${pending})`),
    attached: emailLabel(lang, 'attached', { file: attachmentName }),
  };
}

/**
 * The forces line: the figures of the day the document shows, compared with the same earlier
 * day as the forces section (named by its date), as in the card; "n/a" with no figures at all.
 */
function forcesFigure(
  model: BriefingModel,
  lang: Lang,
  label: string,
  num: Intl.NumberFormat,
): Section['figures'][number] {
  const f = model.forces;
  const na = emailLabel(lang, 'notApplicable');
  if (!f?.date)
    return { label, value: na, previous: na, line: emailLabel(lang, 'figureLineAlone', { label, value: na }) };
  // figures of an earlier day (none for the briefing's own): named, as the card does
  const value = f.fallback
    ? emailLabel(lang, 'valueOfDay', { value: num.format(f.total), date: dayShort(f.date, lang) })
    : num.format(f.total);
  if (f.previousTotal === undefined || f.previousDate === undefined) {
    return { label, value, previous: na, line: emailLabel(lang, 'figureLineAlone', { label, value }) };
  }
  const date = dayShort(f.previousDate, lang);
  const previous = num.format(f.previousTotal);
  return {
    label,
    value,
    previous: `${previous} (${date})`,
    line: emailLabel(lang, 'figureLineDay', { label, value, previous, date }),
  };
}

/** `sam. 3 août` / `Sat 3 Aug`, from a calendar date. */
function dayShort(date: string, lang: Lang): string {
  const d = new Date(`${date}T12:00:00Z`);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.weekday} ${p.day} ${p.month}`;
}

function textOf(model: BriefingModel, langs: readonly Lang[], attachmentName: string): string {
  const lines: string[] = [markingLine(model, langs[0] ?? 'fr'), ''];
  langs.forEach((lang, i) => {
    const s = sectionOf(model, lang, attachmentName);
    if (i > 0) lines.push('', '―――――――――――――――――――――――――――――――', '');
    if (langs.length > 1) lines.push(`[${emailLabel(lang, 'language')}]`, '');
    if (s.corrigendum) lines.push(s.corrigendum, '');
    lines.push(s.centre, s.heading, s.window, s.audience, '', s.figuresTitle);
    for (const f of s.figures) lines.push(`- ${f.line}`);
    lines.push('', s.messagesTitle);
    if (s.messages.length === 0) lines.push(`- ${emailLabel(lang, 'noKeyMessages')}`);
    for (const m of s.messages) lines.push(`- ${m}`);
    lines.push('', s.attached);
  });
  lines.push('', '-- ');
  for (const l of langs) lines.push(emailLabel(l, 'automatic'));
  return `${lines.join('\n')}\n`;
}

function htmlOf(model: BriefingModel, langs: readonly Lang[], attachmentName: string): string {
  const e = escapeHtml;
  const first = langs[0] ?? 'fr';
  const colour = TLP_COLOURS[model.tlp];
  const extra = markingLine(model, first).slice(model.marking.length).replace(/^ – /, '');
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${first}"><head><meta charset="utf-8"><title>${e(subjectOf(model, langs))}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#111;background:#fff">',
    `<p style="margin:0 0 14px 0"><span style="background:#000;color:${colour};font-weight:bold;font-size:12pt;padding:2px 8px;font-family:Arial,Helvetica,sans-serif">${e(model.marking)}</span>${extra ? ` <strong>${e(extra)}</strong>` : ''}</p>`,
  ];
  langs.forEach((lang, i) => {
    const s = sectionOf(model, lang, attachmentName);
    if (i > 0) out.push('<hr style="border:0;border-top:1px solid #999;margin:18px 0">');
    out.push(`<div lang="${lang}">`);
    if (langs.length > 1)
      out.push(`<p style="margin:0;color:#555;font-size:9pt">${e(emailLabel(lang, 'language'))}</p>`);
    if (s.corrigendum) out.push(`<p style="margin:4px 0;font-weight:bold;color:#9a1b1b">${e(s.corrigendum)}</p>`);
    out.push(
      `<p style="margin:4px 0">${e(s.centre)}<br><strong>${e(s.heading)}</strong><br>${e(s.window)}<br>${e(s.audience)}</p>`,
      `<h3 style="margin:12px 0 4px 0;font-size:11pt">${e(s.figuresTitle)}</h3>`,
      '<table style="border-collapse:collapse" cellpadding="3">',
      `<tr><th></th><th style="text-align:right">${e(emailLabel(lang, 'current'))}</th><th style="text-align:right;color:#555">${e(emailLabel(lang, 'previous'))}</th></tr>`,
    );
    for (const f of s.figures) {
      out.push(
        `<tr><td>${e(f.label)}</td><td style="text-align:right"><strong>${e(f.value)}</strong></td><td style="text-align:right;color:#555">${e(f.previous)}</td></tr>`,
      );
    }
    out.push(
      '</table>',
      `<h3 style="margin:12px 0 4px 0;font-size:11pt">${e(s.messagesTitle)}</h3>`,
      '<ul style="margin:0 0 8px 0">',
    );
    if (s.messages.length === 0) out.push(`<li>${e(emailLabel(lang, 'noKeyMessages'))}</li>`);
    for (const m of s.messages) out.push(`<li>${e(m)}</li>`);
    out.push('</ul>', `<p>${e(s.attached)}</p>`, '</div>');
  });
  out.push(
    `<p style="color:#777;font-size:9pt">${langs.map((l) => e(emailLabel(l, 'automatic'))).join('<br>')}</p>`,
    '</body></html>',
    '',
  );
  return out.join('\n');
}

function text(b: Bilingual, lang: Lang): string | undefined {
  const v = b[lang]?.trim();
  return v ? v : undefined;
}

/** The event's name, for a centre event.yaml does not name (centre_fr/centre_en are optional). */
function eventName(model: BriefingModel, lang: Lang): string {
  return text(model.event.name, lang) ?? text(model.event.name, lang === 'fr' ? 'en' : 'fr') ?? model.event.id;
}

/** `CCI` from `Centre de coopération internationale (CCI)`; the whole name when it has no acronym; '' without a centre. */
export function centreShort(centre: Bilingual, lang: Lang): string {
  const name = text(centre, lang) ?? text(centre, lang === 'fr' ? 'en' : 'fr') ?? '';
  const m = /\(([^()]+)\)\s*$/.exec(name);
  return m ? m[1]!.trim() : name;
}

function dateParts(date: string): { year: string; month: string; day: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new TypeError(`not a date: ${date}`);
  return { year: m[1]!, month: m[2]!, day: m[3]! };
}

const monthNames = new Map<Lang, Intl.DateTimeFormat>();

/**
 * A short date through the catalogue, the month by its name: `5 août 2024`, `5 Aug 2024`. In
 * digits it would be read two ways: 05/08 is 5 August in Paris and London and May 8 in New York.
 */
function shortDate(date: string, lang: Lang): string {
  const parts = dateParts(date);
  let f = monthNames.get(lang);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', timeZone: 'UTC' });
    monthNames.set(lang, f);
  }
  const monthName = f.format(new Date(Date.UTC(2000, Number(parts.month) - 1, 15)));
  return emailLabel(lang, 'date', { year: parts.year, month: monthName, day: String(Number(parts.day)) });
}

/** `11h30` (fr) or `11:30` (en), from `HH:MM`. */
/** SPÉCIAL FRANCE, or the event's own word for it (event.yaml labels: special). */
function specialLabel(model: BriefingModel, lang: Lang): string {
  return eventWord(model.words, lang, 'email.specialFrance') ?? emailLabel(lang, 'specialFrance');
}

function clock(hhmm: string, lang: Lang): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  return emailLabel(lang, 'time', { hour: m[1]!.padStart(2, '0'), minute: m[2]! });
}

/** `lundi 5 août 2024` / `Monday 5 August 2024`, from a calendar date (no time zone involved). */
function longDate(date: string, lang: Lang): string {
  const { year, month, day } = dateParts(date);
  const fmt = new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const parts = Object.fromEntries(
    fmt
      .formatToParts(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12)))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/**
 * `04/08/2024 11h30` from an ISO instant written with the event's offset (its wall clock); an
 * instant in another offset (`…Z`) is first written in the event's zone `timeZone`.
 */
function wallClock(iso: string, lang: Lang, timeZone?: string): string {
  if (timeZone !== undefined && !Number.isNaN(Date.parse(iso))) iso = zoned(new Date(iso), timeZone);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  if (!m) return iso;
  return `${shortDate(m[1]!, lang)} ${clock(m[2]!, lang)}`;
}

/** `2024-08-05T11:31` in a time zone, without the offset (enough for wallClock). */
function zoned(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
