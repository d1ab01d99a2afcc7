#!/usr/bin/env node
// Says one line of `npm run setup` (scripts/setup.sh) in the language of cci's messages, from
// cci's command-line catalogues (scripts/setup-messages.mjs).
//
//   node scripts/setup-say.mjs [--line] KEY [NAME=VALUE]...
//
// Prints the message (with --line: as a line of the set-up, "setup: " before it). Control and
// line-break characters of the values are written \u001b, so that a folder's name cannot break
// a line or forge another. Exit 2 for a key that is not in the catalogue.

import { setupLangOf, setupMessage } from './setup-messages.mjs';

const args = process.argv.slice(2);
const line = args[0] === '--line';
if (line) args.shift();
const [key, ...pairs] = args;
const params = {};
for (const pair of pairs) {
  const eq = pair.indexOf('=');
  if (eq > 0) params[pair.slice(0, eq)] = pair.slice(eq + 1);
}
const text = key === undefined ? undefined : setupMessage(setupLangOf(process.env), key, params);
if (text === undefined) {
  process.stderr.write(`setup-say: no message ${key ?? '(none given)'} in src/i18n/cli\n`);
  process.exit(2);
}
process.stdout.write(`${line ? 'setup: ' : ''}${text}\n`);
