// `agencies list`: the agencies the server knows, with their open cases.
import { listAgencies } from '../store/reference';
import { defineCommand } from './command';
import type { AdminCommand } from './command';
import { openCasesByAgency } from './queries';
import { formatTable } from './table';

export const agenciesList: AdminCommand = defineCommand({
  group: 'agencies',
  verb: 'list',
  summary: 'Lists every agency: id, English and Arabic name, whether it is active, and its open cases.',
  jsonHelp: 'an array of {id, nameEn, nameAr, active, openCases}',
  parse: () => null,
  async run({ store, out, json }) {
    const [agencies, open] = await Promise.all([listAgencies(store.db), openCasesByAgency(store.db)]);
    const rows = agencies.map((a) => ({
      id: a.id,
      nameEn: a.nameEn,
      nameAr: a.nameAr,
      active: a.active,
      openCases: open.get(a.id) ?? 0,
    }));
    if (json) {
      out.json(rows);
      return;
    }
    const table = formatTable(
      ['id', 'open', 'active', 'English name', 'Arabic name'],
      rows.map((a) => [a.id, String(a.openCases), a.active ? 'yes' : 'no', a.nameEn, a.nameAr]),
    );
    for (const line of table) out.line(line);
    out.line(`${rows.length} agencies`);
  },
});
