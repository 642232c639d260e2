// How an admin command is declared: its words, its options (each with the help line it shows),
// a pure `parse` that turns the command line into the work to do, and `run`, which does it
// against the store. Parsing happens before the database is opened, so a bad flag or value
// is refused (exit 2) without touching it; the help text is derived from the same declaration.
import { parseArgs } from 'node:util';
import { UsageError } from '../cli-args';
import type { Store } from '../store/db';

export type Output = {
  /** one line of human-readable output (stdout) */
  line(text: string): void;
  /** a machine-readable answer (stdout), for --json */
  json(value: unknown): void;
  /** a warning or a note that is not the answer (stderr) */
  note(text: string): void;
};

export type CommandContext = {
  store: Store;
  out: Output;
  json: boolean;
  now: number;
  /** the operating-system account running the tool, recorded in the audit detail */
  osUser: string;
};

export type OptionSpec = {
  type: 'string' | 'boolean';
  /** the value's placeholder in the help, for string options */
  value?: string;
  help: string;
};

export type Values = Record<string, string | boolean | undefined>;

export type CommandSpec<Input> = {
  group: string;
  verb: string;
  summary: string;
  positionals?: readonly { name: string; help: string }[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** lines after the options in the help: units, defaults, what else happens */
  notes?: readonly string[];
  /** list commands say what --json prints */
  jsonHelp?: string;
  parse(values: Values, positionals: readonly string[]): Input;
  run(context: CommandContext, input: Input): Promise<void>;
};

export type Prepared =
  | { kind: 'help'; text: string }
  | { kind: 'run'; dataDir: string; json: boolean; run(context: CommandContext): Promise<void> };

export type AdminCommand = {
  group: string;
  verb: string;
  summary: string;
  usage: string;
  help(): string;
  /** parses the arguments after the command's words; throws UsageError */
  prepare(argv: readonly string[]): Prepared;
};

export const DEFAULT_DATA_DIR = '.data/server';

const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  data: {
    type: 'string',
    value: 'DIR',
    help: `SQLite data folder of the server (default ${DEFAULT_DATA_DIR}); ignored when DATABASE_URL is set`,
  },
  json: { type: 'boolean', help: 'print the answer as JSON' },
  help: { type: 'boolean', help: 'show this help' },
};

/** node:util's messages run over several lines; the CLI promises one. */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(' ');
}

/** node:util's parse errors, worded for this tool (its hint about '--' positionals does not apply). */
function argumentMessage(error: unknown, name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown?.[1] !== undefined) return `unknown option ${unknown[1]} (see ${name} --help)`;
  return oneLine(message);
}

export function defineCommand<Input>(spec: CommandSpec<Input>): AdminCommand {
  const options = { ...spec.options, ...COMMON_OPTIONS };
  const positionals = spec.positionals ?? [];
  const name = `${spec.group} ${spec.verb}`;
  const usage = [
    name,
    ...positionals.map((p) => p.name),
    ...Object.entries(spec.options ?? {}).map(([flag, o]) =>
      o.type === 'string' ? `[--${flag} ${o.value ?? 'VALUE'}]` : `[--${flag}]`,
    ),
  ].join(' ');

  function help(): string {
    const rows: [string, string][] = [
      ...positionals.map((p): [string, string] => [p.name, p.help]),
      ...Object.entries(options).map(([flag, o]): [string, string] => [
        o.type === 'string' ? `--${flag} ${o.value ?? 'VALUE'}` : `--${flag}`,
        o.help,
      ]),
    ];
    const width = Math.max(...rows.map(([left]) => left.length));
    return [
      `usage: npm run admin -- ${usage} [--data DIR] [--json]`,
      '',
      spec.summary,
      '',
      ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
      ...(spec.notes === undefined || spec.notes.length === 0 ? [] : ['', ...spec.notes]),
      ...(spec.jsonHelp === undefined ? [] : ['', `--json: ${spec.jsonHelp}`]),
      '',
    ].join('\n');
  }

  return {
    group: spec.group,
    verb: spec.verb,
    summary: spec.summary,
    usage,
    help,
    prepare(argv) {
      // --help wins over everything else on the line, so it works on a half-typed command
      if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help', text: help() };
      let parsed;
      try {
        parsed = parseArgs({
          args: [...argv],
          strict: true,
          allowPositionals: true,
          options: Object.fromEntries(Object.entries(options).map(([flag, o]) => [flag, { type: o.type }])),
        });
      } catch (error) {
        throw new UsageError(argumentMessage(error, name));
      }
      if (parsed.positionals.length !== positionals.length) {
        const expected = positionals.length === 0 ? 'no arguments' : positionals.map((p) => p.name).join(' ');
        throw new UsageError(
          `expects ${expected}, got ${parsed.positionals.length === 0 ? 'none' : `"${parsed.positionals.join(' ')}"`} (usage: ${usage})`,
        );
      }
      const values: Values = parsed.values;
      const input = spec.parse(values, parsed.positionals);
      const dataDir = values.data;
      if (dataDir === '') throw new UsageError('--data needs a folder');
      return {
        kind: 'run',
        dataDir: typeof dataDir === 'string' ? dataDir : DEFAULT_DATA_DIR,
        json: values.json === true,
        run: (context) => spec.run(context, input),
      };
    },
  };
}
