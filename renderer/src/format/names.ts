// Names of people and agencies in the UI language. The data carries both: agencies nameAr and
// nameEn, staff displayName and (seeded, or given by the admin CLI) displayNameAr. An Arabic
// sentence naming a colleague in Latin letters read as English left over.
import type { Agency, Language, Staff } from '../../../shared/domain';

export function personName(staff: Pick<Staff, 'displayName' | 'displayNameAr'>, language: Language): string {
  return language === 'ar' ? (staff.displayNameAr ?? staff.displayName) : staff.displayName;
}

export function agencyName(agency: Pick<Agency, 'nameAr' | 'nameEn'>, language: Language): string {
  return language === 'ar' ? agency.nameAr : agency.nameEn;
}

/** An agency by id among `agencies`, named in `language`; its id when it is not known. */
export function agencyNameById(agencies: readonly Agency[] | undefined, agencyId: string, language: Language): string {
  const agency = agencies?.find((a) => a.id === agencyId);
  return agency === undefined ? agencyId : agencyName(agency, language);
}
