// Managing reply templates through the desk core: a supervisor's save is in that desk's
// `templates.list` as soon as the call returns; another desk of the agency is told
// `reference.changed` (a DeskApi event) and its reference data holds the pair; the server's
// refusals pass through with their codes; offline the core refuses at once with `offline`.
import { describe, expect, it } from 'vitest';
import { deskMethods } from '../../../shared/desk-api';
import type { RunningServer } from '../../../server/index';
import { BACKENDS, eventually, withSupervisorAndAgent } from './helpers';
import type { TestCore } from './helpers';

const PAIR = {
  agencyId: 'housing',
  code: 'core-visit',
  previousCode: null,
  kinds: ['complaint' as const],
  ar: { title: 'زيارة', body: 'عزيزي {{citizen.name}}، زيارتنا بخصوص {{case.ref}}.' },
  en: { title: 'Visit', body: 'Dear {{citizen.name}}, our visit about {{case.ref}}.' },
};

describe.each(BACKENDS)('reply templates through the desk core, server on $name', (backend) => {
  let server: RunningServer;
  let supervisor: TestCore;
  let agent: TestCore;
  withSupervisorAndAgent(backend, 20, (desks) => {
    ({ server, supervisor, agent } = desks);
  });

  it('a save is listed on the saving desk when it returns, and reaches the agent\'s desk with a reference.changed event', async () => {
    const agentEventsBefore = agent.events.filter((e) => e.event === 'reference.changed').length;
    const pair = deskMethods['templates.save'].result.parse(await supervisor.handlers['templates.save'](deskMethods['templates.save'].args.parse(PAIR)));
    expect(pair.templates.map((t) => t.language)).toEqual(['ar', 'en']);
    const listed = await supervisor.handlers['templates.list']({});
    expect(listed.filter((t) => t.code === 'core-visit').map((t) => t.title)).toEqual(['زيارة', 'Visit']);
    await eventually('the agent desk told', () => agent.events.filter((e) => e.event === 'reference.changed').length > agentEventsBefore);
    const reference = await agent.handlers['reference.get']({});
    expect(reference.templates.filter((t) => t.code === 'core-visit')).toHaveLength(2);
  });

  it('archiving takes the pair out of both desks', async () => {
    await supervisor.handlers['templates.archive']({ agencyId: 'housing', code: 'core-visit' });
    expect((await supervisor.handlers['templates.list']({})).filter((t) => t.code === 'core-visit')).toEqual([]);
    await eventually('gone from the agent desk', async () => (await agent.handlers['reference.get']({})).templates.every((t) => t.code !== 'core-visit'));
  });

  it('passes the server\'s refusals through with their codes', async () => {
    const args = deskMethods['templates.save'].args.parse({ ...PAIR, code: 'core-agent' });
    await expect(agent.handlers['templates.save'](args)).rejects.toMatchObject({ code: 'forbidden' });
    const bad = deskMethods['templates.save'].args.parse({ ...PAIR, code: 'core-bad', en: { title: 'x', body: '{{nope}}' } });
    await expect(supervisor.handlers['templates.save'](bad)).rejects.toMatchObject({ code: 'unknown_placeholder', params: { names: 'nope' } });
  });

  it('refuses at once with code offline when the server is gone; the list still answers from the cache', async () => {
    await server.close();
    await eventually('supervisor offline', async () => (await supervisor.handlers['sync.status']({})).state !== 'online');
    const args = deskMethods['templates.save'].args.parse({ ...PAIR, code: 'core-offline' });
    await expect(supervisor.handlers['templates.save'](args)).rejects.toMatchObject({ code: 'offline' });
    await expect(supervisor.handlers['templates.archive']({ agencyId: 'housing', code: 'ack' })).rejects.toMatchObject({ code: 'offline' });
    expect((await supervisor.handlers['templates.list']({})).length).toBeGreaterThan(0);
  });
});
