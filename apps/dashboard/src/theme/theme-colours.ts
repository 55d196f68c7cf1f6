/** Text colours on white that Mantine's defaults get below 4.5:1; ours are checked by a test. */
export const ACCESSIBLE_TEXT = {
  dimmed: '#495057',
  error: '#c92a2a',
  placeholder: '#6c757d',
} as const;
