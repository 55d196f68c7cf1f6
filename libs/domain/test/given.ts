import { fold, type Decider } from '../src/shared/decider';
import { DomainError } from '../src/shared/domain-error';

/**
 * Emmett-style decider tests: `given(events).when(command).then(events)` or
 * `.thenRejects(rule)`. One rule per test.
 */
export function givenFor<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (events: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, events));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        /** For events whose exact content is long: check part of each. */
        thenMatches: (expected: Array<Partial<Event> | Record<string, unknown>>) => {
          const actual = run();
          expect(actual).toHaveLength(expected.length);
          expected.forEach((e, i) => expect(actual[i]).toMatchObject(e));
        },
        thenRejects: (rule: string) => {
          let error: unknown;
          try {
            run();
          } catch (err) {
            error = err;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).rule).toBe(rule);
        },
      };
    },
  });
}
