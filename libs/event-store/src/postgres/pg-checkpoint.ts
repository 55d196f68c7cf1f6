/**
 * PostgreSQL checkpoints: the (transaction id, position) pair that orders the global log, written
 * as two zero-padded decimals so that comparing the strings compares the log order. The empty
 * string is the start of the log.
 */
export interface PgCheckpoint {
  txId: bigint;
  position: bigint;
}

const WIDTH = 20; // 2^64 has 20 decimal digits

export function encodePgCheckpoint({ txId, position }: PgCheckpoint): string {
  return `${txId.toString().padStart(WIDTH, '0')}-${position.toString().padStart(WIDTH, '0')}`;
}

export function decodePgCheckpoint(checkpoint: string | undefined): PgCheckpoint {
  if (!checkpoint) return { txId: 0n, position: 0n };
  const match = /^(\d{20})-(\d{20})$/.exec(checkpoint);
  if (!match) throw new Error(`not a PostgreSQL event-store checkpoint: "${checkpoint}"`);
  return { txId: BigInt(match[1]), position: BigInt(match[2]) };
}
