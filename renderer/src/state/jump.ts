// Bringing one case on screen from elsewhere (a notification, a logged request): search its
// reference, which finds it in any view, select it and open it.
import { runSearch } from './search';
import { select, useInbox } from './inbox';

export async function jumpToCase(caseId: string, ref: string): Promise<void> {
  useInbox.setState({ screen: 'inbox', query: ref, focus: 'case' });
  await runSearch(ref);
  const { results } = useInbox.getState();
  const index = results?.findIndex((row) => row.id === caseId) ?? -1;
  if (index >= 0) select(index);
}
