import { CloseButton, createTheme, defaultCssVariablesResolver, Modal, Notification, Select, TagsInput } from '@mantine/core';
import type { CSSVariablesResolver, MantineThemeOverride } from '@mantine/core';

// IBM Plex Sans Arabic ships with the app and covers Latin too, so both languages share one
// typeface and the layout does not jump when the language switches.
const FONT = "'IBM Plex Sans Arabic', system-ui, -apple-system, 'Segoe UI', sans-serif";

const base = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT, fontWeight: '600' },
  primaryColor: 'indigo',
  // white on indigo-6 is 4.3:1; indigo-7 and -8 carry a filled button's label at AA
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  // filled badges and buttons pick black or white text, whichever reads at 4.5:1 on their
  // colour (white needs a luminance under 0.183, black over 0.175; Mantine's default is 0.3)
  autoContrast: true,
  luminanceThreshold: 0.18,
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
});

/**
 * The theme in the UI language: Mantine's close buttons (every modal's, every toast's) carry
 * no name of their own, and an unnamed button is what a screen reader announces as "button".
 */
export function deskTheme(closeLabel: string): MantineThemeOverride {
  const named = { 'aria-label': closeLabel, title: closeLabel };
  return {
    ...base,
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: named } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: named } }),
      CloseButton: CloseButton.extend({ defaultProps: named }),
      // A focused field does not open its options by itself (typing or ↓ does): an open list
      // is a listbox driven from the field, which axe, seeing a scroller with nothing to
      // focus in it, reports on every dialog that starts in such a field.
      Select: Select.extend({ defaultProps: { openOnFocus: false } }),
      TagsInput: TagsInput.extend({ defaultProps: { openOnFocus: false } }),
    },
  };
}

/**
 * WCAG 2.1 AA asks 4.5:1 of small text. Mantine's dimmed text (gray-6 on white, 3.3:1; dark-2
 * on dark-7, 4.3:1) and light-scheme error red (red-6, 3.6:1) fall short, and the desk is
 * mostly small text: dimmed is gray-7 (8.6:1) and dark-1 (7.5:1), errors red-8 and red-5.
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => {
  const defaults = defaultCssVariablesResolver(current);
  return {
    ...defaults,
    light: { ...defaults.light, '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-8)' },
    dark: { ...defaults.dark, '--mantine-color-dimmed': 'var(--mantine-color-dark-1)', '--mantine-color-error': 'var(--mantine-color-red-5)' },
  };
};
