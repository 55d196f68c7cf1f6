/** The last known (version, hash) of recently used streams, so that an append usually costs one
 * round trip. A stale entry is safe: the unique (stream, version) key rejects an append built on
 * it, and the store then reads the true head (see append.ts). */
export interface StreamHead {
  version: number;
  hash: Buffer;
}

export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 50_000) {}

  get(stream: string): StreamHead | undefined {
    const head = this.heads.get(stream);
    if (head) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.heads.delete(stream);
      this.heads.set(stream, head);
    }
    return head;
  }

  set(stream: string, head: StreamHead): void {
    const current = this.heads.get(stream);
    if (current && current.version >= head.version) return; // streams only grow
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity) {
      this.heads.delete(this.heads.keys().next().value as string);
    }
  }
}
