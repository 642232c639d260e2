// Imported first by main.tsx, before any schema parses: zod's fast path compiles parsers with
// `new Function`, and its probe for that (`new Function("")`) is reported as a CSP violation
// under the desk's `script-src 'self'` on every load, even though zod catches the refusal.
// Jitless parsing is what the renderer got under that CSP anyway, without the error.
import { config } from 'zod';

config({ jitless: true });
