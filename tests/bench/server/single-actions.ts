// The tail of single actions from a desk (DESIGN.md: a create, reply or assign until the
// server's ack, p95 ≤ 3× its median). Each action is timed from the desk's `cases.mutate` call
// to the core settling the server's ack (`mutation.applied`), one after another with a short
// pause between them (an agent's pace, compressed), while colleagues' desks are connected.
// Floor: the same mutations sent by a bare Socket.IO client of the same user, acked by the same
// server: what the round trip costs without a desk around it.
import { ulid } from 'ulid';
import type { Case } from '../../../shared/domain';
import type { MutationName } from '../../../shared/mutations';
import type { Ack, MutateResult } from '../../../shared/protocol';
import { percentile, reportFigure } from '../report';
import type { BenchCore } from './desk-core';
import { PASSWORD, connectDesk, loginToken } from './support';

const EACH = 240;
const PAUSE_MS = 30;

type Action = { name: MutationName; args: (i: number) => object };

function actions(cases: readonly Case[], offset: number): Record<'create' | 'reply' | 'assign', Action> {
  // replies go to cases the bulk rounds assigned (index < 10,000); assignments to untouched ones
  return {
    create: {
      name: 'case.create',
      args: () => ({
        caseId: ulid(),
        kind: 'complaint',
        agencyId: 'housing',
        channel: 'walkin',
        citizen: { name: 'Fatima Al-Mannai', language: 'ar' },
        subject: 'Water leak in the building stairwell',
        body: 'The leak has been reported twice already.',
        language: 'ar',
      }),
    },
    reply: { name: 'case.reply', args: (i) => ({ caseId: cases[offset + i]?.id ?? '', body: 'We have passed this to the maintenance team.' }) },
    assign: { name: 'case.assign', args: (i) => ({ caseId: cases[10_000 + offset + i]?.id ?? '', assigneeId: `stf-housing.agent${(i % 6) + 1}` }) },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timeDesk(core: BenchCore, action: Action): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < EACH; i++) {
    const started = performance.timeOrigin + performance.now();
    const { mutationId } = await core.handlers['cases.mutate']({ name: action.name, args: action.args(i) });
    const at = await core.applied(mutationId);
    if (Number.isNaN(at)) throw new Error(`${action.name} was rejected`);
    samples.push(at - started);
    await sleep(PAUSE_MS);
  }
  return samples;
}

async function timeBare(serverUrl: string, action: Action): Promise<number[]> {
  const socket = await connectDesk(serverUrl, await loginToken(serverUrl, 'housing.supervisor', PASSWORD));
  try {
    const samples: number[] = [];
    for (let i = 0; i < EACH; i++) {
      const started = performance.now();
      const ack: Ack<MutateResult> = await socket.emitWithAck('mutate', { id: ulid(), name: action.name, args: action.args(i) });
      if (!ack.ok) throw new Error(`${action.name} refused: ${ack.error.message}`);
      samples.push(performance.now() - started);
      await sleep(PAUSE_MS);
    }
    return samples;
  } finally {
    socket.disconnect();
  }
}

/** The slowest few, so the report says where the tail sits in the run (e.g. every 10 s). */
function slowest(samples: readonly number[]): string {
  return samples
    .map((ms, i) => ({ ms, i }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4)
    .map((s) => `#${s.i} ${s.ms.toFixed(0)} ms`)
    .join(', ');
}

export async function singleActionTails(o: { serverUrl: string; core: BenchCore; cases: readonly Case[] }): Promise<void> {
  const desk = actions(o.cases, 0);
  const bare = actions(o.cases, EACH);
  for (const kind of ['create', 'reply', 'assign'] as const) {
    const samples = await timeDesk(o.core, desk[kind]);
    const floor = await timeBare(o.serverUrl, bare[kind]);
    const median = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    reportFigure({
      name: `a single ${kind} from a desk until the server's ack (p95; budget 3× its median)`,
      value: p95,
      unit: 'ms',
      budget: 3 * median,
      floor: percentile(floor, 95),
      n: samples.length,
      spread: `median ${median.toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms, max ${Math.max(...samples).toFixed(0)} ms (slowest: ${slowest(samples)})`,
      note: `floor = a bare Socket.IO client's p95 (median ${percentile(floor, 50).toFixed(1)} ms)`,
    });
  }
}
