// A register of issued briefings in memory, written and read through the real code (entries,
// chain encoding and checking, view): what the pure tests issue briefings into.

import { buildBriefing } from '../../src/aggregate/build-briefing.js';
import type { BriefingResult } from '../../src/aggregate/build-briefing.js';
import type { Audience } from '../../src/audience/audience.js';
import { audienceId } from '../../src/audience/audience.js';
import type { Dataset } from '../../src/model/types.js';
import { encodeEntry, readChain } from '../../src/register/chain.js';
import { contentHash } from '../../src/register/content.js';
import { deliveryBody, documentBody, handOutBody } from '../../src/register/entries.js';
import type { EntryBody } from '../../src/register/format.js';
import {
  buildView,
  documentState,
  emptyView,
  issuedFactsFor,
  versionFacts,
  type RegisterView,
} from '../../src/register/view.js';

export class MemoryRegister {
  lines: string[] = [];
  view: RegisterView = emptyView();

  constructor(readonly event: string) {}

  get text(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }

  append(bodies: EntryBody[]): void {
    const all = this.view.exists ? bodies : [{ type: 'register' as const, event: this.event }, ...bodies];
    let prev = this.view.lastHash;
    let seq = this.view.nextSeq;
    for (const body of all) {
      const { line, hash } = encodeEntry(body, seq++, prev, '2024-08-01T00:00:00.000Z');
      this.lines.push(line);
      prev = hash;
    }
    const read = readChain(this.text, this.event);
    if (!read.ok) throw new Error(`the register written does not read back: ${read.problem.message}`);
    this.view = buildView(read.entries);
  }

  /** The briefing as it would be issued now (late reports against this register). */
  compose(data: Dataset, division: string, date: string, audience: Audience): BriefingResult {
    const issued = issuedFactsFor(this.view, { division, date, audience: audienceId(audience) });
    return buildBriefing(data, { division, date, audience, draft: false }, { ...(issued && { issued }), facts: true });
  }

  /**
   * Issues (hands out) a briefing: the original, or a corrigendum when one was held (issued, or
   * emailed with an uncertain delivery) with other content; nothing when unchanged. `uncertain`:
   * emailed instead, the server taking the message and breaking off before its answer.
   * `olderCci`: the entry as a cci before `comparesHeld` wrote it. Returns what was issued.
   */
  issue(
    data: Dataset,
    division: string,
    date: string,
    audience: Audience,
    sources?: string[],
    opts: { uncertain?: boolean; olderCci?: boolean } = {},
  ): BriefingResult | undefined {
    const key = { division, date, audience: audienceId(audience), lang: 'both' };
    let built = this.compose(data, division, date, audience);
    const content = contentHash(built.model);
    const state = documentState(this.view, key);
    let corrigendum = 0;
    if (state.latestHeld) {
      if (state.latestHeld.entry.content === content) return undefined;
      corrigendum = state.nextCorrigendum;
      const issued = issuedFactsFor(this.view, key);
      built = buildBriefing(
        data,
        { division, date, audience, draft: false },
        {
          ...(issued && { issued }),
          facts: true,
          amend: { number: corrigendum, previous: versionFacts(this.view, state.latestHeld) },
        },
      );
    }
    const body = documentBody({
      model: built.model,
      content,
      shown: built.shown,
      late: built.late,
      lang: 'both',
      version: corrigendum + 1,
      corrigendum,
      via: opts.uncertain ? 'email' : 'hand',
      outDir: '/out',
      files: [],
      known: this.view.facts,
      lateFrom: built.model.lateReports?.compared ? issuedFactsFor(this.view, key)?.windows[0]?.date : undefined,
      sources,
      basis: this.view.nextSeq,
    });
    if (opts.olderCci) delete body.comparesHeld;
    this.append([body]);
    const document = this.view.nextSeq - 1;
    this.append([
      opts.uncertain
        ? deliveryBody(document, [
            {
              address: 'lo@example.org',
              messageId: '<m@example.org>',
              at: '2024-08-01T09:31:00.000Z',
              status: 'uncertain',
            },
          ])
        : handOutBody(document, 'test'),
    ]);
    return built;
  }

  /** The server's answer to a version emailed with an uncertain delivery, at `at`: accepted (a --resend). */
  confirm(document: number, at: string): void {
    this.append([deliveryBody(document, [{ address: 'lo@example.org', messageId: '<m2@example.org>', at }])]);
  }
}
