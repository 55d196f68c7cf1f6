/**
 * The one envelope of every aggregate's commands: what to do, its data, and when it was issued
 * (`at`, ISO 8601: the issuer's clock, passed in so that deciders stay pure).
 *
 * Beside each aggregate's commands (`<aggregate>.commands.ts`) stand their *requests* — what a
 * caller sends: the aggregate's id comes from the caller's address (path, workflow) and is added
 * by the application service — and, where a decision needs another aggregate, the decider's
 * *input*: the request with snapshots of the aggregates it names (ADR 0006).
 */
export interface Command<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
  at: string;
}

/** The command of a union with the given type. */
export type CommandOf<C extends Command, T extends C['type']> = Extract<C, { type: T }>;

/** The data of a command without the aggregate's id, which the address supplies. */
export type RequestOf<C extends Command, IdKey extends string> = Omit<C['data'], IdKey>;

/**
 * A command of the union `C` from its parts. The caller's signature ties `data` to `type`
 * (e.g. `MobilityRequest<T>` for `T`); TypeScript cannot follow that through a generic `T`, so
 * this is the one place the envelope is narrowed to the union.
 */
export function commandOf<C extends Command>(type: C['type'], data: object, at: string): C {
  const command: Command = { type, data, at };
  return command as C;
}
