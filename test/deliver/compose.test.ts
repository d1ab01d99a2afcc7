import { describe, expect, it } from 'vitest';
import { centreShort, composeEmail } from '../../src/deliver/compose.js';
import { buildMessage, messageIdOf } from '../../src/deliver/message.js';
import { catalogueKeys, type Catalogue } from '../../src/i18n/catalogue.js';
import { loadCatalogue } from '../../src/i18n/document-messages.js';
import { briefingModel, countryModel, keyMessageView } from '../helpers/model.js';

describe('email words', () => {
  it('starts the French subject with the TLP label and the French date and time', () => {
    expect(composeEmail(briefingModel(), 'fr', 'x.pdf').subject).toBe(
      '[TLP:AMBER] CCI – Briefing Sécurité générale – 5 août 2024 11h30 – Partenaires',
    );
  });

  it('starts the English subject with the TLP label and the English time', () => {
    expect(composeEmail(briefingModel(), 'en', 'x.pdf').subject).toBe(
      '[TLP:AMBER] ICC – General security briefing – 5 Aug 2024 11:30 – Partners',
    );
  });

  it('names the month in the subject and the period covered, so that no reader takes 05/11 for May 11 or 5 November the other way round', () => {
    const model = briefingModel({
      date: '2028-11-05',
      window: { start: '2028-11-04T11:30:00-04:00', end: '2028-11-05T11:30:00-05:00', hours: 25 },
      event: { ...briefingModel().event, timezone: 'America/New_York' },
    });
    const en = composeEmail(model, 'en', 'x.pdf');
    expect(en.subject).toBe('[TLP:AMBER] ICC – General security briefing – 5 Nov 2028 11:30 – Partners');
    expect(en.text).toContain('Period covered: 4 Nov 2028 11:30 to 5 Nov 2028 11:30');
    const fr = composeEmail(model, 'fr', 'x.pdf');
    expect(fr.subject).toBe('[TLP:AMBER] CCI – Briefing Sécurité générale – 5 nov. 2028 11h30 – Partenaires');
    expect(`${en.subject}${en.text}${fr.subject}${fr.text}`).not.toMatch(/\d\/\d/);
  });

  it("names the audience in the subject, localised, so that each country's email is told apart", () => {
    const deu = countryModel('DEU', { audienceCountryName: { fr: 'Allemagne', en: 'Germany' } });
    expect(composeEmail(deu, 'both', 'x.pdf').subject).toBe(
      '[TLP:AMBER] CCI – Briefing Sécurité générale – 5 août 2024 11h30 – Allemagne / ICC – General security briefing – Germany',
    );
    expect(composeEmail(deu, 'en', 'x.pdf').subject).toBe(
      '[TLP:AMBER] ICC – General security briefing – 5 Aug 2024 11:30 – Germany',
    );
    expect(composeEmail(briefingModel({ audience: 'national' }), 'fr', 'x.pdf').subject).toBe(
      '[TLP:AMBER] CCI – Briefing Sécurité générale – 5 août 2024 11h30 – National',
    );
    const subjects = new Set(
      [
        briefingModel(),
        briefingModel({ audience: 'national' }),
        deu,
        countryModel('BRA', { audienceCountryName: { fr: 'Brésil', en: 'Brazil' } }),
      ].map((m) => composeEmail(m, 'both', 'x.pdf').subject),
    );
    expect(subjects.size).toBe(4);
  });

  it('writes a Renseignement subject at its own time', () => {
    const model = briefingModel({
      division: 'renseignement',
      divisionTitle: { fr: 'Briefing Renseignement', en: 'Intelligence briefing' },
      divisionTime: '09:30',
      briefingTime: '09:30',
      marking: 'TLP:GREEN',
      tlp: 'GREEN',
    });
    expect(composeEmail(model, 'both', 'x.pdf').subject).toBe(
      '[TLP:GREEN] CCI – Briefing Renseignement – 5 août 2024 09h30 – Partenaires / ICC – Intelligence briefing – Partners',
    );
  });

  it('gives the key figures the briefing shows: no forces line for a division that covers no deployments', () => {
    const cyber = briefingModel({ division: 'cyber', keyFigures: ['incidents', 'gamesImpact', 'arrests', 'custody'] });
    expect(composeEmail(cyber, 'en', 'x.pdf').text).not.toContain('Forces deployed');
    expect(composeEmail(briefingModel(), 'en', 'x.pdf').text).toContain('Forces deployed: 45,000');
  });

  it('compares the forces with the day the briefing compares them with, named by its date, and says n/a without figures', () => {
    const compared = briefingModel({
      forces: {
        fallback: true,
        rows: [],
        total: 79_130,
        date: '2024-08-03',
        previousDate: '2024-08-02',
        previousTotal: 77_860,
      },
      figures: { incidents: 12, gamesImpact: 3, arrests: 5, custody: 4, forces: 79_130 },
      previous: { incidents: 9, gamesImpact: 1, arrests: 7, custody: 2, forces: 77_860 },
    });
    const mail = composeEmail(compared, 'both', 'x.pdf');
    // the briefing's day (5 August) has no figures: those of 3 August, named as the card names them
    expect(mail.text).toContain('Forces deployed: 79,130 on Sat 3 Aug (Fri 2 Aug: 77,860)');
    expect(mail.text).toContain('Forces déployées : 79\u202F130 le sam. 3 août (ven. 2 août : 77\u202F860)');
    expect(mail.html).toContain('79,130 on Sat 3 Aug');
    expect(mail.html).toContain('77,860 (Fri 2 Aug)');
    const own = briefingModel({
      forces: { fallback: false, rows: [], total: 78_450, date: '2024-08-05' },
      figures: { incidents: 12, gamesImpact: 3, arrests: 5, custody: 4, forces: 78_450 },
    });
    expect(composeEmail(own, 'en', 'x.pdf').text).toContain('- Forces deployed: 78,450\n');
    const none = briefingModel({ forces: { fallback: false, rows: [], total: 0 } });
    expect(composeEmail(none, 'en', 'x.pdf').text).toContain('- Forces deployed: n/a\n');
    expect(composeEmail(none, 'fr', 'x.pdf').text).toContain('- Forces déployées : s.o.\n');
  });

  it('opens both bodies with the label line, protection mention included', () => {
    const mail = composeEmail(
      briefingModel({ protectionMention: undefined, marking: 'TLP:CLEAR', tlp: 'CLEAR' }),
      'both',
      'x.pdf',
    );
    expect(mail.text.split('\n')[0]).toBe('TLP:CLEAR');
    expect(mail.html).toMatch(
      /<body[^>]*>\n<p[^>]*><span style="background:#000;color:#FFFFFF;[^"]*">TLP:CLEAR<\/span><\/p>/,
    );
  });

  it('escapes every text in the HTML body', () => {
    const model = briefingModel({ keyMessages: [keyMessageView('<script>alert(1)</script> & "co"', "Tom's <b>")] });
    const mail = composeEmail(model, 'both', 'a<b>.pdf');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
    expect(mail.html).toContain('Tom&#39;s &lt;b&gt;');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('says a missing translation is pending instead of showing the other language', () => {
    const model = briefingModel({
      keyMessages: [{ text: { fr: 'Seulement en français' }, tlp: 'AMBER', draft: false }],
    });
    const text = composeEmail(model, 'en', 'x.pdf').text;
    expect(text).toContain('(translation pending)');
    expect(text).not.toContain('Seulement en français');
  });

  it('says so when there is no key message', () => {
    expect(composeEmail(briefingModel({ keyMessages: [] }), 'fr', 'x.pdf').text).toContain('Aucun message clé.');
  });

  it('takes the centre acronym from its name, or the whole name when it has none', () => {
    expect(centreShort({ fr: 'Centre de coopération internationale (CCI)' }, 'fr')).toBe('CCI');
    expect(centreShort({ fr: 'Centre de crise' }, 'fr')).toBe('Centre de crise');
  });

  it('names the event where event.yaml names no centre (centre_fr/centre_en are optional), never an empty part', () => {
    const base = briefingModel();
    const model = briefingModel({
      event: { ...base.event, centre: {}, name: { fr: 'Mon événement', en: 'My Event' } },
    });
    const mail = composeEmail(model, 'both', 'x.pdf');
    expect(mail.subject).toMatch(/^\[TLP:[A-Z+]+\] Mon événement – Briefing Sécurité générale – .* \/ My Event – /);
    expect(mail.subject).not.toMatch(/ {2}| – – |\/ {2}/);
    expect(mail.text).toContain('\nMon événement\nBriefing Sécurité générale du ');
    expect(mail.text).toContain('\nMy Event\nGeneral security briefing of ');
    expect(mail.html).toContain('<p style="margin:4px 0">Mon événement<br>');
  });

  it('does not depend on the machine time zone', () => {
    // Dates are read from the model's strings: the same text under any TZ (npm test runs several).
    const text = composeEmail(briefingModel(), 'both', 'x.pdf').text;
    expect(text).toContain('Briefing Sécurité générale du lundi 5 août 2024, 11h30 (J15)');
    expect(text).toContain('Period covered: 4 Aug 2024 11:30 to 5 Aug 2024 11:30');
  });
});

describe('message', () => {
  const base = {
    lang: 'both' as const,
    pdfPath: '/out/cci-2024-08-05-securite-partners.pdf',
    pdf: Buffer.from('%PDF'),
    from: 'CCI <cci-briefings@example.org>',
  };

  it('has a Message-ID that is stable for the same briefing and recipients and changes with either', () => {
    const model = briefingModel();
    const a = messageIdOf(model, 'both', ['a@x.org', 'b@x.org'], base.from);
    expect(a).toMatch(/^<cci\.paris-2024\.securite\.2024-08-05\.partners\.both\.[0-9a-f]{16}@example\.org>$/);
    expect(messageIdOf(briefingModel(), 'both', ['B@x.org', 'a@x.org'], base.from)).toBe(a);
    expect(messageIdOf(model, 'both', ['a@x.org'], base.from)).not.toBe(a);
    expect(
      messageIdOf(
        briefingModel({ figures: { ...model.figures, incidents: 13 } }),
        'both',
        ['a@x.org', 'b@x.org'],
        base.from,
      ),
    ).not.toBe(a);
  });

  it('keeps the Message-ID of the whole recipient set when sending to part of it', () => {
    const model = briefingModel();
    const whole = buildMessage({ ...base, model, recipients: ['a@x.org', 'b@x.org'], to: ['a@x.org', 'b@x.org'] });
    const part = buildMessage({ ...base, model, recipients: ['a@x.org', 'b@x.org'], to: ['b@x.org'] });
    expect(part.messageId).toBe(whole.messageId);
    expect(part.to).toEqual(['b@x.org']);
  });

  it('attaches the PDF under its own file name and marks the headers', () => {
    const m = buildMessage({
      ...base,
      model: briefingModel({ specialFrance: true, audience: 'national' }),
      recipients: ['a@x.org'],
      to: ['a@x.org'],
    });
    expect(m.attachments).toEqual([
      { filename: 'cci-2024-08-05-securite-partners.pdf', content: base.pdf, contentType: 'application/pdf' },
    ]);
    expect(m.headers['X-CCI-Marking']).toBe('TLP:AMBER');
    expect(m.headers['X-CCI-Special-France']).toBe('yes');
    expect(m.subject).toMatch(/^\[TLP:AMBER\] \[SPÉCIAL FRANCE\] /);
  });

  it('stamps the event’s own word for SPÉCIAL FRANCE (labels: special) in the subject and the body', () => {
    const word = { fr: 'SPÉCIAL USA', en: 'US ONLY' };
    const model = briefingModel({
      specialFrance: true,
      audience: 'national',
      words: { 'marking.specialFrance': word, 'email.specialFrance': word },
    });
    const m = buildMessage({ ...base, model, recipients: ['a@x.org'], to: ['a@x.org'] });
    expect(m.subject).toMatch(/^\[TLP:AMBER\] \[SPÉCIAL USA\] /);
    expect(m.subject).not.toContain('FRANCE');
    expect(composeEmail(model, 'en', 'x.pdf').text).toMatch(/^TLP:AMBER.* – US ONLY/m);
    expect(composeEmail(model, 'en', 'x.pdf').text).not.toContain('FRANCE');
  });

  it('refuses a draft model', () => {
    expect(() =>
      buildMessage({ ...base, model: briefingModel({ draft: true }), recipients: ['a@x.org'], to: ['a@x.org'] }),
    ).toThrow(/draft/);
  });
});

describe('catalogues', () => {
  it('have the same email keys in French and English', () => {
    const email = (c: Catalogue) => catalogueKeys(c.email as Catalogue);
    expect(email(loadCatalogue('fr'))).toEqual(email(loadCatalogue('en')));
    expect(email(loadCatalogue('fr')).length).toBeGreaterThan(10);
  });
});
