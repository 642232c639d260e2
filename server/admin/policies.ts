// `policies list` and `policies set`: the SLA policy per agency × kind, in working minutes as
// stored (shared/domain.ts slaPolicySchema), typed and shown in working hours. An agency × kind
// without a stored policy gets the server's default (shared/case-model.ts), shown as such.
import type { CaseKind, SlaPolicy } from '../../shared/domain';
import { CASE_KINDS, slaPolicySchema } from '../../shared/domain';
import { UsageError } from '../cli-args';
import { defaultSlaPolicy } from '../../shared/case-model';
import { findSlaPolicy, listAgencies, listSlaPoliciesOf } from '../store/reference';
import { defineCommand } from './command';
import type { AdminCommand } from './command';
import { requireAgency } from './lookups';
import { auditAdminChange, upsertSlaPolicy } from './queries';
import { formatTable } from './table';
import {
  describeMinutes,
  parseAgencyId,
  parseKind,
  parseOnTransfer,
  parseTargetHours,
  requiredString,
  stringValue,
  WORKING_DAY_HOURS,
} from './values';

type ListedPolicy = SlaPolicy & { source: 'stored' | 'default' };

export const policiesList: AdminCommand = defineCommand({
  group: 'policies',
  verb: 'list',
  summary:
    'Lists the SLA policy of every agency × kind: acknowledgement, first-response and resolution targets.',
  options: { agency: { type: 'string', value: 'ID', help: "only this agency's policies" } },
  notes: [
    `Targets are working time (Sunday–Thursday, ${WORKING_DAY_HOURS} h a day, Asia/Bahrain, public holidays off).`,
  ],
  jsonHelp:
    'an array of {agencyId, kind, acknowledgeMinutes, firstResponseMinutes, resolutionMinutes, onTransfer, source}; minutes are working minutes, source is "stored" or "default" (what the server uses when none is stored)',
  parse(values) {
    const agency = stringValue(values, 'agency');
    return { agencyId: agency === undefined ? undefined : parseAgencyId(agency) };
  },
  async run({ store, out, json }, { agencyId }) {
    const agencyIds =
      agencyId === undefined
        ? (await listAgencies(store.db)).map((a) => a.id)
        : [(await requireAgency(store.db, agencyId, false)).id];
    const stored = new Map(
      (await listSlaPoliciesOf(store.db, agencyId === undefined ? 'all' : [agencyId])).map((p) => [
        `${p.agencyId}/${p.kind}`,
        p,
      ]),
    );
    const policies: ListedPolicy[] = agencyIds.flatMap((id) =>
      CASE_KINDS.map((kind): ListedPolicy => {
        const policy = stored.get(`${id}/${kind}`);
        return policy === undefined
          ? { ...defaultSlaPolicy(id, kind), source: 'default' }
          : { ...policy, source: 'stored' };
      }),
    );
    if (json) {
      out.json(policies);
      return;
    }
    const table = formatTable(
      ['agency', 'kind', 'acknowledge', 'first response', 'resolution', 'on transfer', 'source'],
      policies.map((p) => [
        p.agencyId,
        p.kind,
        describeMinutes(p.acknowledgeMinutes),
        describeMinutes(p.firstResponseMinutes),
        describeMinutes(p.resolutionMinutes),
        p.onTransfer,
        p.source,
      ]),
    );
    for (const line of table) out.line(line);
    out.line(`working hours; a working day is ${WORKING_DAY_HOURS} h`);
  },
});

type PolicyChanges = Partial<
  Pick<SlaPolicy, 'acknowledgeMinutes' | 'firstResponseMinutes' | 'resolutionMinutes' | 'onTransfer'>
>;

export const policiesSet: AdminCommand = defineCommand({
  group: 'policies',
  verb: 'set',
  summary: "Sets an agency's SLA targets for one kind of request; targets not given keep their value.",
  options: {
    agency: { type: 'string', value: 'ID', help: 'the agency (required)' },
    kind: { type: 'string', value: 'KIND', help: 'complaint, suggestion or enquiry (required)' },
    'acknowledge-hours': { type: 'string', value: 'H', help: 'working hours to acknowledge a new request' },
    'first-response-hours': { type: 'string', value: 'H', help: 'working hours to the first response' },
    'resolution-hours': { type: 'string', value: 'H', help: 'working hours to resolve it' },
    'on-transfer': {
      type: 'string',
      value: 'restart|continue',
      help: "on transfer to this agency: restart the clock or continue the source's",
    },
  },
  notes: [
    `Hours are working hours: a working day is ${WORKING_DAY_HOURS} h, so 5 working days is ${5 * WORKING_DAY_HOURS}. Acknowledgement ≤ first response ≤ resolution.`,
    'Cases filed from now on get due times from the new targets; cases already open keep theirs.',
  ],
  jsonHelp: '{before, after}, each a policy as in policies list --json',
  parse(values) {
    const agencyId = parseAgencyId(requiredString(values, 'agency'));
    const kind: CaseKind = parseKind(requiredString(values, 'kind'));
    const acknowledge = stringValue(values, 'acknowledge-hours');
    const firstResponse = stringValue(values, 'first-response-hours');
    const resolution = stringValue(values, 'resolution-hours');
    const onTransfer = stringValue(values, 'on-transfer');
    const changes: PolicyChanges = {
      ...(acknowledge === undefined
        ? {}
        : { acknowledgeMinutes: parseTargetHours(acknowledge, 'acknowledge-hours') }),
      ...(firstResponse === undefined
        ? {}
        : { firstResponseMinutes: parseTargetHours(firstResponse, 'first-response-hours') }),
      ...(resolution === undefined
        ? {}
        : { resolutionMinutes: parseTargetHours(resolution, 'resolution-hours') }),
      ...(onTransfer === undefined ? {} : { onTransfer: parseOnTransfer(onTransfer) }),
    };
    if (Object.keys(changes).length === 0) {
      throw new UsageError(
        'nothing to change: give --acknowledge-hours, --first-response-hours, --resolution-hours or --on-transfer',
      );
    }
    return { agencyId, kind, changes };
  },
  async run({ store, out, json, now, osUser }, { agencyId, kind, changes }) {
    const result = await store.transaction(async (tx) => {
      await requireAgency(tx, agencyId, false);
      const stored = await findSlaPolicy(tx, agencyId, kind);
      const before: ListedPolicy =
        stored === undefined
          ? { ...defaultSlaPolicy(agencyId, kind), source: 'default' }
          : { ...stored, source: 'stored' };
      const policy = slaPolicySchema.parse({ ...withoutSource(before), ...changes });
      checkOrder(policy);
      await upsertSlaPolicy(tx, policy);
      await auditAdminChange(
        tx,
        {
          action: 'policy.set',
          detail: { agencyId, kind, from: withoutSource(before), to: policy, by: osUser },
        },
        now,
      );
      return { before, after: { ...policy, source: 'stored' as const } };
    });
    if (json) {
      out.json(result);
      return;
    }
    const { after } = result;
    out.line(
      `${agencyId} ${kind}: acknowledge ${describeMinutes(after.acknowledgeMinutes)}, first response ${describeMinutes(after.firstResponseMinutes)}, resolution ${describeMinutes(after.resolutionMinutes)}, on transfer ${after.onTransfer}`,
    );
  },
});

function withoutSource(policy: ListedPolicy): SlaPolicy {
  const { source: _source, ...rest } = policy;
  return rest;
}

function checkOrder(policy: SlaPolicy): void {
  if (
    policy.acknowledgeMinutes > policy.firstResponseMinutes ||
    policy.firstResponseMinutes > policy.resolutionMinutes
  ) {
    throw new UsageError(
      `targets must not decrease: acknowledge ${describeMinutes(policy.acknowledgeMinutes)}, first response ${describeMinutes(policy.firstResponseMinutes)}, resolution ${describeMinutes(policy.resolutionMinutes)}`,
    );
  }
}
