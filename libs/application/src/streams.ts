/** Stream names: `<Category>-<id>` (conventions.md). */
export const Streams = {
  institution: (id: string) => `Institution-${id}`,
  qualification: (id: string) => `Qualification-${id}`,
  partnership: (id: string) => `Partnership-${id}`,
  call: (id: string) => `Call-${id}`,
  mobility: (id: string) => `Mobility-${id}`,
  learner: (id: string) => `Learner-${id}`,
} as const;

export type Category =
  'Institution' | 'Qualification' | 'Partnership' | 'Call' | 'Mobility' | 'Learner';

export function categoryOf(stream: string): { category: string; id: string } {
  const dash = stream.indexOf('-');
  return { category: stream.slice(0, dash), id: stream.slice(dash + 1) };
}
