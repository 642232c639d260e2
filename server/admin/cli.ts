// npm run admin -- <group> <verb> [options]: agencies, staff accounts, roles and SLA policies,
// written straight into the case server's database (the same store, migrations and connection
// settings as `npm run server`: DATABASE_URL and DATABASE_SCHEMA, else SQLite in --data).
// Exit codes: 0 done; 1 the database could not be opened or failed; 2 a bad command, option
// or value, including a name that does not exist — and then nothing is written. Errors are
// one line on stderr, never a stack trace.
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UsageError } from '../cli-args';
import type { Store, StoreOptions } from '../store/db';
import { agenciesList } from './agencies';
import type { AdminCommand, Output } from './command';
import { oneLine } from './command';
import { policiesList, policiesSet } from './policies';
import { staffAdd, staffList, staffUpdate } from './staff';
import { staffActivate, staffDeactivate, staffResetPassword, staffSetRole } from './staff-access';

const PROGRAM = 'tawasul admin';

const ADMIN_COMMANDS: readonly AdminCommand[] = [
  agenciesList,
  staffList,
  staffAdd,
  staffUpdate,
  staffSetRole,
  staffDeactivate,
  staffActivate,
  staffResetPassword,
  policiesList,
  policiesSet,
];

const GROUPS = [...new Set(ADMIN_COMMANDS.map((c) => c.group))];

function overview(): string {
  const width = Math.max(...ADMIN_COMMANDS.map((c) => `${c.group} ${c.verb}`.length));
  return [
    'usage: npm run admin -- <command> [options]',
    '',
    'Administers the case server: agencies, staff accounts, roles and SLA policies.',
    '',
    'commands:',
    ...ADMIN_COMMANDS.map((c) => `  ${`${c.group} ${c.verb}`.padEnd(width)}  ${c.summary}`),
    '',
    "Every command takes --help, --json and --data DIR. The database is the server's: PostgreSQL when",
    'DATABASE_URL is set (DATABASE_SCHEMA picks the schema), otherwise the SQLite file in --data',
    '(default .data/server). Changes are audited with the actor "admin-cli".',
    'Exit codes: 0 done, 1 the database failed, 2 a bad command, option or value (nothing written).',
    '',
  ].join('\n');
}

function groupHelp(group: string): string {
  const commands = ADMIN_COMMANDS.filter((c) => c.group === group);
  return [
    `usage: npm run admin -- ${group} <${commands.map((c) => c.verb).join('|')}> [options]`,
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
  ].join('\n');
}

type Dispatch = { kind: 'help'; text: string } | { kind: 'command'; command: AdminCommand; argv: string[] };

/** `--data DIR` and `--json` may come before the command words too; they are moved after them. */
function leadingCommonOptions(argv: readonly string[]): { options: string[]; words: string[] } {
  const options: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    if (arg === '--json' || arg.startsWith('--data=')) options.push(arg);
    else if (arg === '--data') {
      if (i + 1 >= argv.length) throw new UsageError('--data needs a folder');
      options.push(arg, argv[++i] ?? '');
    } else break;
    i++;
  }
  return { options, words: argv.slice(i) };
}

function dispatch(argv: readonly string[]): Dispatch {
  const { options, words } = leadingCommonOptions(argv);
  const [group, verb, ...afterVerb] = words;
  const rest = [...afterVerb, ...options];
  if (group === undefined)
    throw new UsageError(`no command given; try ${GROUPS.map((g) => `"${g}"`).join(', ')} or --help`);
  if (group === '--help' || group === '-h' || group === 'help') return { kind: 'help', text: overview() };
  if (group.startsWith('-')) throw new UsageError(`unknown option ${group} (see --help)`);
  if (!GROUPS.includes(group))
    throw new UsageError(`unknown command "${group}"; the commands are ${GROUPS.join(', ')} (see --help)`);
  if (verb === undefined || verb === '--help' || verb === '-h') {
    if (verb === undefined)
      throw new UsageError(`${group} needs a command: ${verbsOf(group)} (see ${group} --help)`);
    return { kind: 'help', text: groupHelp(group) };
  }
  const command = ADMIN_COMMANDS.find((c) => c.group === group && c.verb === verb);
  if (command === undefined)
    throw new UsageError(`unknown command "${group} ${verb}"; ${group} has ${verbsOf(group)}`);
  return { kind: 'command', command, argv: rest };
}

function verbsOf(group: string): string {
  return ADMIN_COMMANDS.filter((c) => c.group === group)
    .map((c) => c.verb)
    .join(', ');
}

/** The server's own choice of database (server/cli.ts), from the same environment. */
function storeOptions(dataDir: string): { options: StoreOptions; where: string } {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = process.env.DATABASE_SCHEMA || undefined;
  if (databaseUrl !== undefined) {
    return {
      options: { databaseUrl, ...(schema === undefined ? {} : { schema }) },
      where: `PostgreSQL${schema === undefined ? '' : ` schema ${schema}`}`,
    };
  }
  // the store makes a missing folder; here a mistyped --data would be a new, empty database
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new DatabaseError(`no data folder ${dataDir}: give the server's --data DIR, or set DATABASE_URL`);
  }
  return { options: { dataDir }, where: `SQLite in ${dataDir}` };
}

class DatabaseError extends Error {}

/** pg's connection failures are AggregateErrors whose own message can be empty. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return describeError(error.errors[0]);
  if (error instanceof Error) return oneLine(error.message) || error.name;
  return String(error);
}

function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const processOutput: Output = {
  line: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one command line; resolves with the exit code. */
async function runAdmin(argv: readonly string[], out: Output = processOutput): Promise<number> {
  let name = PROGRAM;
  const fail = (code: number, message: string): number => {
    process.stderr.write(`${name}: ${message}\n`);
    return code;
  };
  let store: Store | undefined;
  try {
    const found = dispatch(argv);
    if (found.kind === 'help') {
      process.stdout.write(found.text);
      return 0;
    }
    name = `${PROGRAM} ${found.command.group} ${found.command.verb}`;
    const prepared = found.command.prepare(found.argv);
    if (prepared.kind === 'help') {
      process.stdout.write(prepared.text);
      return 0;
    }
    const { options, where } = storeOptions(prepared.dataDir);
    try {
      // loaded here, not at the top: the database drivers take most of the start-up time, and
      // --help and a refused command line do without them
      const { openStore } = await import('../store/db');
      store = await openStore(options);
    } catch (error) {
      throw new DatabaseError(`could not open the database (${where}): ${describeError(error)}`);
    }
    await prepared.run({ store, out, json: prepared.json, now: Date.now(), osUser: operatingSystemUser() });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return fail(2, error.message);
    if (error instanceof DatabaseError) return fail(1, error.message);
    return fail(1, `failed, nothing was changed: ${describeError(error)}`);
  } finally {
    await store?.close().catch(() => undefined);
  }
}

runAdmin(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${PROGRAM}: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);
