// Compile-time checks of the DeskApi client type (run by `npm run typecheck`).
import type { DeskApi } from '../../../shared/desk-api';
declare const api: DeskApi;
// @ts-expect-error cases.get needs its arguments
void api['cases.get']();
void api['sync.status']();
void api['cases.page']({ view: 'mine' });
