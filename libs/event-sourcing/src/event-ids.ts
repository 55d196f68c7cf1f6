import { v5 as uuidv5 } from 'uuid';

// Namespace of the deterministic event ids: uuidv5(namespace, `${commandId}/${stream}/${index}`).
const EVENT_ID_NAMESPACE = '4d1c7a8e-3b8f-4f57-9a53-2f1e6c0b9d21';

/** A command's events get ids derived from the command id: a retry cannot append them twice. */
export function eventIdFor(commandId: string, stream: string, index: number): string {
  return uuidv5(`${commandId}/${stream}/${index}`, EVENT_ID_NAMESPACE);
}
