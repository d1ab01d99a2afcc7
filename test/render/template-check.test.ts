import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setCliLang } from '../../src/i18n/cli-lang.js';
import { MissingMessageError } from '../../src/i18n/document-messages.js';
import { compileOptions } from '../../src/render/engine.js';
import { withCompiler } from '../../src/render/handlebars.js';
import { registerHelpers } from '../../src/render/helpers.js';
import { resourceProblems, templateProblems, templateRuntimeError } from '../../src/render/template-check.js';
import { templatesDir } from '../../src/package-files.js';

function handlebars() {
  const hb = withCompiler().create();
  registerHelpers(hb);
  return hb;
}

afterEach(() => setCliLang('en'));

describe('templateProblems', () => {
  it('says every broken template at its line and column, all in one run, in words for people', () => {
    const problems = templateProblems(
      handlebars(),
      [
        { path: '/t/partials/a.hbs', text: '<p>\n    {{#if x}<b>{{/if}}</p>' },
        { path: '/t/partials/b.hbs', text: 'ok\n  {{nosuch 1}}' },
        { path: '/t/partials/c.hbs', text: '{{#each x}}\n{{/if}}' },
        { path: '/t/partials/d.hbs', text: 'x\n{{#if y}}open' },
        { path: '/t/partials/fine.hbs', text: '{{#if x}}{{t "title.date"}}{{/if}}' },
      ],
      compileOptions(),
    );
    expect(problems).toEqual([
      '/t/partials/a.hbs:2:12: the template cannot be read here: “}” where Handlebars expects “}}” (a tag or block left open?)',
      "/t/partials/b.hbs:2:3: “nosuch” is not one of cci's helpers: a template may use only those (see src/render/helpers.ts)",
      "/t/partials/c.hbs:1:4: the template cannot be used: each doesn't match if (Handlebars)",
      '/t/partials/d.hbs:2:14: the template cannot be read here: the end of the file where Handlebars expects “{{else}}” or “{{/…}}” (a tag or block left open?)',
    ]);
    for (const p of problems) expect(p).not.toMatch(/Parse error|Expecting|INVALID|knownHelpersOnly|\n/);
  });

  it('says it in French too', () => {
    setCliLang('fr');
    const [problem] = templateProblems(handlebars(), [{ path: '/t/a.hbs', text: '{{#if x}' }], compileOptions());
    expect(problem).toBe(
      '/t/a.hbs:1:8 : le modèle ne peut pas être lu ici : « } » là où Handlebars attend « }} » (une balise ou un bloc laissé ouvert ?)',
    );
  });

  it('finds nothing in the templates cci ships', () => {
    const dir = templatesDir();
    const files = [
      { path: join(dir, 'briefing.hbs'), text: readFileSync(join(dir, 'briefing.hbs'), 'utf8') },
      ...readdirSync(join(dir, 'partials'))
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => ({ path: join(dir, 'partials', f), text: readFileSync(join(dir, 'partials', f), 'utf8') })),
    ];
    expect(files.length).toBeGreaterThan(20);
    expect(templateProblems(handlebars(), files, compileOptions())).toEqual([]);
    expect(files.flatMap((f) => resourceProblems(f, 'html'))).toEqual([]);
    const css = join(dir, 'briefing.css');
    expect(resourceProblems({ path: css, text: readFileSync(css, 'utf8') }, 'css')).toEqual([]);
  });
});

describe('resourceProblems', () => {
  const loads = (text: string, kind: 'html' | 'css' = 'html') =>
    resourceProblems({ path: '/t/x', text }, kind).map((p) => p.replace(/ would load[^]*$/, ''));

  it('says every resource a template would load from a file or an address, at its place', () => {
    expect(
      loads(
        [
          '<img src="file:///srv/logo.png" alt="">',
          "<img alt='' src='logo.png'>",
          '<img srcset="data:image/png;base64,AA 1x, big.png 2x" alt="">',
          '<link rel="stylesheet" href="https://cdn.example/x.css">',
          '<svg><use href="icons.svg#flag"/><image xlink:href="map.png"/></svg>',
          '<p style="background: url(\'paper.jpg\')">x</p>',
          '<style>@import "more.css"; .a { background: url(data:image/png;base64,AA) }</style>',
          '<object data="x.pdf"></object><video poster="p.jpg"></video>',
          '<img src="{{logo}}.png" alt="">',
        ].join('\n'),
      ),
    ).toEqual([
      '/t/x:1:6: src="file:///srv/logo.png"',
      "/t/x:2:13: src='logo.png'",
      '/t/x:3:6: srcset="data:image/png;base64,AA 1x, big.png 2x"',
      '/t/x:4:24: href="https://cdn.example/x.css"',
      '/t/x:5:11: href="icons.svg#flag"',
      '/t/x:5:41: xlink:href="map.png"',
      "/t/x:6:23: url('paper.jpg')",
      '/t/x:7:8: @import "more.css"',
      '/t/x:8:9: data="x.pdf"',
      '/t/x:8:38: poster="p.jpg"',
      '/t/x:9:6: src="{{logo}}.png"',
    ]);
  });

  it('is not fooled by a slash before an attribute, a "<" in another attribute, image-set() or a letter written as a CSS escape', () => {
    const found = resourceProblems(
      {
        path: '/t/x',
        text: [
          '<img/src="logo.png" alt="">',
          '<link title="a<b" rel="stylesheet" href="extra.css">',
          '<p style="background-image: image-set(\'bg.png\' 1x, url(data:image/png;base64,AA) 2x)">x</p>',
          '<style>.a { background: \\75rl(c.png) } .b { content: "\\2014" }</style>',
        ].join('\n'),
      },
      'html',
    );
    expect(found.map((p) => p.replace(/ would load[^]*$/, '').replace(/: the CSS escape[^]*$/, ': escape'))).toEqual([
      '/t/x:1:6: src="logo.png"',
      '/t/x:2:36: href="extra.css"',
      "/t/x:3:39: image-set('bg.png')",
      '/t/x:4:25: escape',
    ]);
    expect(found[3]).toContain('the CSS escape \\75 stands for the letter “u”');
  });

  it('lets a template embed what it shows and link to what it names', () => {
    expect(
      loads(
        [
          '<img src="data:image/svg+xml;base64,{{b64}}" alt="">',
          '<img src="{{mapImage}}" alt="">',
          '<a href="https://www.example.org/">source</a> <a href="#late">late reports</a>',
          '<svg><use href="#marker"/><rect fill="url(#hatch)"/></svg>',
          '<p data-kind="x" class="src">href=logo.png in text</p>',
          '<style>.a { background: url("data:image/png;base64,AA") }</style>',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('refuses a stylesheet that would close the document’s <style> element, or load anything', () => {
    expect(loads('.a { color: red }\n.b::after { content: "</style>" }\n.c { background: url(x.png) }', 'css')).toEqual(
      [
        "/t/x:2:23: “</” would end the document's <style> element: the stylesheet must not contain it (write \\3C / in a CSS string)",
        '/t/x:3:18: url(x.png)',
      ],
    );
    expect(resourceProblems({ path: '/t/b.css', text: '.a{}\n  </style>' }, 'css')).toEqual([
      "/t/b.css:2:3: “</” would end the document's <style> element: the stylesheet must not contain it (write \\3C / in a CSS string)",
    ]);
  });
});

describe('templateRuntimeError', () => {
  it('says a field the model does not have at its place in the template it came from', () => {
    const hb = handlebars();
    const render = hb.compile('<p>\n  {{m.nosuch}}</p>', compileOptions());
    let error: unknown;
    try {
      render({ m: {} });
    } catch (e) {
      error = e;
    }
    expect(templateRuntimeError(error, { path: '/t/partials/p.hbs' })).toBe(
      '/t/partials/p.hbs:2:5: the briefing has no field “nosuch” here: check its spelling and the block it is in (the templates are rendered in strict mode)',
    );
    expect(templateRuntimeError(error, undefined)).toBeUndefined();
  });

  it('says a message the catalogues lack, or a helper given what it cannot use, at the helper call', () => {
    expect(
      templateRuntimeError(new MissingMessageError('fr', 'title.mine'), { path: '/t/p.hbs', line: 3, column: 7 }),
    ).toBe(
      '/t/p.hbs:3:7: the template asks for the message “title.mine”, which templates/i18n/fr.json does not have: add it to both catalogues (fr.json and en.json)',
    );
    expect(
      templateRuntimeError(new Error('not a number: Europe/Paris'), { path: '/t/p.hbs', line: 1, column: 2 }),
    ).toBe(
      '/t/p.hbs:1:2: the template could not be rendered: not a number: Europe/Paris (a helper given a value it cannot use?)',
    );
  });
});
