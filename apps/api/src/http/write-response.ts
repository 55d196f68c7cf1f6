import type { Response } from 'express';
import { ApiProperty } from '@nestjs/swagger';
import type { WriteOutcome } from '@ecvet/event-sourcing';

export class WriteResult {
  @ApiProperty({ description: 'The id of the resource written' })
  id!: string;
  @ApiProperty({ description: 'The stream version after the write: send it back as If-Match' })
  version!: number;
  @ApiProperty({
    type: [String],
    description: 'The events the command recorded (none: nothing changed)',
  })
  events!: string[];
}

/**
 * The same body for the first attempt and for a retry with the same Idempotency-Key; the ETag
 * carries the version, `Idempotent-Replayed` says whether the command had been handled before.
 */
export function writeResult(
  response: Response,
  id: string,
  outcome: WriteOutcome,
  replayable: boolean,
): WriteResult {
  response.setHeader('ETag', `"${outcome.version}"`);
  if (replayable) response.setHeader('Idempotent-Replayed', String(!outcome.written));
  return { id, version: outcome.version, events: outcome.events.map((e) => e.type) };
}

/** Sets the ETag of a read. */
export function withETag<T>(response: Response, version: number, body: T): T {
  response.setHeader('ETag', `"${version}"`);
  return body;
}
