// Caches written before the server masked CPR and phone numbers at the source hold them in
// full: in the cases table, the phone index, the search rows and in freed pages of the file.
// No UPDATE can scrub freed pages, so every cache older than this version is deleted and
// rebuilt from the server (OLDEST_MIGRATABLE_VERSION); this version only marks the line. A
// fresh cache passes through it with nothing to do.
import type { Migration } from './index';

export const migration009MaskedCitizens: Migration = {
  version: 9,
  name: 'citizen numbers masked at the source (older caches are rebuilt)',
  up: () => {},
};
