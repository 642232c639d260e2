// npm run simulate -- [--rate 20] [--url http://127.0.0.1:4610] [--duration 60] [--key demo-app-key]
// Drives the intake API like the citizen app would: new requests at `rate` per second, shared
// between agencies by their 2022 volumes, and now and then a follow-up message on an earlier
// one, so live updates can be watched on the desks. Stops after `duration` seconds.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadSeedAgencies } from './seed/agencies';
import { createRandom } from './seed/prng';
import { ENQUIRIES, FAMILY_NAMES, FIRST_NAMES, GENERAL_COMPLAINTS, AGENCY_COMPLAINTS } from './seed/vocabulary';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));

function fail(message: string): never {
  process.stderr.write(`tawasul simulate: ${message}\n`);
  process.exit(2);
}

function options() {
  let values;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        rate: { type: 'string', default: '20' },
        url: { type: 'string', default: 'http://127.0.0.1:4610' },
        duration: { type: 'string', default: '60' },
        key: { type: 'string', default: 'demo-app-key' },
        seed: { type: 'string', default: '1' },
      },
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const rate = Number(values.rate);
  const duration = Number(values.duration);
  if (!(rate > 0 && rate <= 1_000)) fail(`--rate must be between 0 and 1000 per second, got "${values.rate}"`);
  if (!(duration > 0 && duration <= 86_400)) fail(`--duration must be between 0 and 86400 seconds, got "${values.duration}"`);
  if (!/^https?:\/\//.test(values.url)) fail(`--url must be an http(s) URL, got "${values.url}"`);
  return { rate, duration, url: values.url.replace(/\/$/, ''), key: values.key, seed: Number(values.seed) || 1 };
}

async function main(): Promise<void> {
  const { rate, duration, url, key, seed } = options();
  const random = createRandom(seed);
  const agencies = loadSeedAgencies();
  const weights = agencies.map((a) => a.volume2022);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickAgency = () => {
    let roll = random.next() * totalWeight;
    for (const a of agencies) {
      roll -= a.volume2022;
      if (roll < 0) return a.id;
    }
    return 'housing';
  };
  const refs: string[] = [];
  const counts = { created: 0, messages: 0, failed: 0 };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': key },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { ref?: string };
  };
  const tick = async () => {
    try {
      if (refs.length > 10 && random.chance(0.15)) {
        const ref = random.pick(refs);
        await post(`/api/intake/requests/${ref}/messages`, { body: random.chance(0.5) ? 'هل من جديد بخصوص طلبي؟' : 'Is there any news on my request?' });
        counts.messages++;
        return;
      }
      const agencyId = pickAgency();
      const language = random.chance(0.72) ? 'ar' : 'en';
      const own = AGENCY_COMPLAINTS[agencyId];
      const enquiry = random.chance(0.12);
      const topic = enquiry ? random.pick(ENQUIRIES) : own !== undefined && random.chance(0.75) ? random.pick(own) : random.pick(GENERAL_COMPLAINTS);
      const created = await post('/api/intake/requests', {
        kind: enquiry ? 'enquiry' : 'complaint',
        agencyId,
        category: topic.category,
        citizen: { name: `${random.pick(FIRST_NAMES)[language]} ${random.pick(FAMILY_NAMES)[language]}`, language },
        subject: topic.subject[language],
        body: topic.body[language],
        language,
      });
      if (created.ref !== undefined) refs.push(created.ref);
      counts.created++;
    } catch (error) {
      counts.failed++;
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'intake request failed');
    }
  };

  logger.info({ rate, duration, url }, 'simulating citizen traffic');
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const interval = 1_000 / rate;
  for (let n = 0; Date.now() - started < duration * 1_000; n++) {
    const p = tick().finally(() => inFlight.delete(p));
    inFlight.add(p);
    const wait = started + (n + 1) * interval - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (n % Math.max(1, Math.round(rate * 10)) === 0 && n > 0) logger.info(counts, 'progress');
  }
  await Promise.all(inFlight);
  logger.info(counts, 'done');
}

main().catch((error: unknown) => {
  process.stderr.write(`tawasul simulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
