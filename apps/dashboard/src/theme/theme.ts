import { createTheme, type CSSVariablesResolver } from '@mantine/core';
import { ACCESSIBLE_TEXT } from './theme-colours';

/**
 * Mantine's defaults with AA contrast on white: the primary colour's 8th shade (#1971c2, 5.0:1)
 * for links and buttons, and darker "dimmed" and error text than Mantine's (3.3:1) — see
 * format/format.spec.ts.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': ACCESSIBLE_TEXT.dimmed,
    '--mantine-color-error': ACCESSIBLE_TEXT.error,
    '--mantine-color-placeholder': ACCESSIBLE_TEXT.placeholder,
  },
  dark: {},
});
