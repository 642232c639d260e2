import { createTheme } from '@mantine/core';

// IBM Plex Sans Arabic ships with the app and covers Latin too, so both languages share one
// typeface and the layout does not jump when the language switches.
const FONT = "'IBM Plex Sans Arabic', system-ui, -apple-system, 'Segoe UI', sans-serif";

export const theme = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT, fontWeight: '600' },
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
});
