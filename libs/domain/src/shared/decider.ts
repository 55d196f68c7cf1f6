/**
 * An aggregate as a decider (Jérémie Chassaing's pattern, as in equinox-js and Emmett):
 * `decide(command, state)` returns the events that record the decision (none when the command is
 * already fulfilled: deciders are idempotent) or throws a `DomainError`; `evolve(state, event)`
 * folds events into state. Pure: no I/O, no clock, no randomness — time and ids come in with the
 * command.
 */
export interface Decider<Command, Event, State> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** Folds events onto the initial state. */
export function fold<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
