import type { QueryKey } from '@tanstack/react-query';

export const mobilityPath = (id: string, rest = '') =>
  `/mobilities/${encodeURIComponent(id)}${rest}`;

/** After a write on a mobility: its page, the lists and the overview. */
export const afterMobilityWrite = (id: string): QueryKey[] => [
  ['mobilities', id],
  ['mobilities', 'list'],
  ['dashboard'],
];
