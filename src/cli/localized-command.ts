// commander in the language of messages. commander writes its own English words into help
// ("Usage:", "Options:", "(default: …)") and its errors ("error: unknown option …"); here they
// come from the catalogues instead:
// - help, through commander's documented help configuration (configureHelp: styleTitle,
//   optionDescription, argumentDescription, commandUsage, boxWrap);
// - errors, by a Command subclass whose error methods (unknownOption, missingArgument,
//   optionMissingArgument, missingMandatoryOptionValue, _excessArguments, unknownCommand: those
//   commander calls for each mistake) say it with cci's words. test/e2e/command-line.test.ts
//   runs each mistake in both languages, so a commander upgrade that renames them fails there.
// An unknown option is said before a missing required option: `cci brief --divison securite`
// is a misspelt --division, not a missing one.

import { Command, Help } from 'commander';
import type { Argument, HelpConfiguration, Option } from 'commander';
import { closest } from '../data/suggest.js';
import { t } from '../i18n/messages.js';

/** The words of commander's help that cci says in the language of messages. */
const TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'help.title.usage',
  'Options:': 'help.title.options',
  'Commands:': 'help.title.commands',
  'Arguments:': 'help.title.arguments',
  'Global Options:': 'help.title.globalOptions',
};

/** Stands for a space that must not start a line: before ; : ? ! » in French (commander wraps at any space). */
const GLUE = '\u0001';

/** commander's help configuration, in the language of messages. */
export function helpConfiguration(): HelpConfiguration {
  return {
    styleTitle: (title: string) => {
      const key = TITLES[title];
      return key === undefined ? title : t(key);
    },
    optionDescription(option: Option): string {
      return withDefault(
        option.description,
        option.defaultValue,
        option.defaultValueDescription,
        Boolean(option.required || option.optional),
      );
    },
    argumentDescription(argument: Argument): string {
      return withDefault(argument.description, argument.defaultValue, argument.defaultValueDescription, true);
    },
    commandUsage(cmd: Command): string {
      return Help.prototype.commandUsage
        .call(this, cmd)
        .replace('[options]', t('help.usageOptions'))
        .replace('[command]', t('help.usageCommand'));
    },
    subcommandTerm(cmd: Command): string {
      return Help.prototype.subcommandTerm
        .call(this, cmd)
        .replace('[options]', t('help.usageOptions'))
        .replace('[command]', t('help.usageCommand'));
    },
    boxWrap(str: string, width: number): string {
      // French puts a space before ; : ? ! and inside « »: never break a line there
      const glued = str.replace(/ (?=[;:?!»])/g, GLUE).replace(/« /g, `«${GLUE}`);
      return Help.prototype.boxWrap.call(this, glued, width).replaceAll(GLUE, ' ');
    },
  } as HelpConfiguration & ThisType<Help>;
}

function withDefault(description: string, value: unknown, shown: string | undefined, takesValue: boolean): string {
  if (value === undefined || !takesValue) return description;
  const extra = `(${t('help.default', { value: shown ?? JSON.stringify(value) })})`;
  return description ? `${description} ${extra}` : extra;
}

/** A command whose errors are cci's words (see the module comment). */
export class LocalizedCommand extends Command {
  /** The unknown words of the last parseOptions: an unknown option is reported before a missing one. */
  private unknownWords: string[] = [];

  override createCommand(name?: string): LocalizedCommand {
    return new LocalizedCommand(name);
  }

  override parseOptions(args: string[]): { operands: string[]; unknown: string[] } {
    const parsed = super.parseOptions(args);
    this.unknownWords = parsed.unknown;
    return parsed;
  }

  unknownOption(flag: string): void {
    const self = this as unknown as { _allowUnknownOption?: boolean };
    if (self._allowUnknownOption) return;
    const name = flag.split('=')[0]!;
    let hint = '';
    if (name.startsWith('--')) {
      const longs: string[] = [];
      const commands: Command[] = [this];
      for (let c = this.parent; c; c = c.parent) commands.push(c);
      for (const c of commands) for (const o of c.createHelp().visibleOptions(c)) if (o.long) longs.push(o.long);
      const candidate = closest(
        name.slice(2),
        longs.map((l) => l.slice(2)),
      );
      if (candidate !== undefined) hint = t('cli.didYouMean', { candidate: `--${candidate}` });
    }
    this.error(t('cli.unknownOption', { flag: name, hint }), { code: 'commander.unknownOption' });
  }

  missingMandatoryOptionValue(option: Option): void {
    const unknown = this.unknownWords.find((w) => w.startsWith('-') && w !== '-');
    if (unknown !== undefined) this.unknownOption(unknown);
    this.error(t('cli.missingOption', { flag: option.long ?? option.flags }), {
      code: 'commander.missingMandatoryOptionValue',
    });
  }

  missingArgument(name: string): void {
    this.error(t('cli.missingArgument', { name, command: this.name() }), { code: 'commander.missingArgument' });
  }

  optionMissingArgument(option: Option): void {
    this.error(t('cli.optionMissingArgument', { flag: option.long ?? option.flags }), {
      code: 'commander.optionMissingArgument',
    });
  }

  _excessArguments(received: string[]): void {
    const self = this as unknown as { _allowExcessArguments?: boolean };
    if (self._allowExcessArguments) return;
    this.error(
      t('cli.excessArguments', {
        command: this.name(),
        expected: this.registeredArguments.length,
        got: received.length,
      }),
      { code: 'commander.excessArguments' },
    );
  }

  unknownCommand(): void {
    const name = this.args[0] ?? '';
    const candidate = closest(
      name,
      this.commands.map((c) => c.name()),
    );
    const hint = candidate === undefined ? '' : t('cli.didYouMean', { candidate });
    this.error(t('cli.unknownCommand', { name, hint }), { code: 'commander.unknownCommand' });
  }
}
