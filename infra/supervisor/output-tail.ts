/** The last lines a process wrote, stdout and stderr in the order they came: for a crash report. */
export class OutputTail {
  private readonly lines: string[] = [];
  // A chunk may end mid-line; each stream keeps its unfinished line apart.
  private readonly unfinished = { stdout: '', stderr: '' };

  constructor(private readonly max = 20) {}

  add(stream: 'stdout' | 'stderr', chunk: Buffer | string): void {
    const pieces = (this.unfinished[stream] + chunk.toString()).split('\n');
    // Bounded, should a process write a very long line without ever ending it.
    this.unfinished[stream] = (pieces.pop() ?? '').slice(-10_000);
    this.lines.push(...pieces.filter((line) => line.trim() !== ''));
    this.lines.splice(0, Math.max(0, this.lines.length - this.max));
  }

  /** At most `max` lines, the last one last; unfinished lines count too. */
  last(): string[] {
    const unfinished = [this.unfinished.stdout, this.unfinished.stderr];
    return [...this.lines, ...unfinished.filter((line) => line.trim() !== '')].slice(-this.max);
  }
}
