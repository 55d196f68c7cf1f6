import { OutputTail } from './output-tail';

describe('the last lines of a part’s output', () => {
  it('keeps the last lines, whole lines across chunks, each stream’s apart', () => {
    const tail = new OutputTail(3);
    tail.add('stdout', 'one\ntw');
    tail.add('stderr', 'error: ');
    tail.add('stdout', 'o\nthree\n');
    tail.add('stderr', 'boom\n\n');
    tail.add('stdout', 'four');
    expect(tail.last()).toEqual(['three', 'error: boom', 'four']);
  });

  it('takes Buffers and has nothing to say before any output', () => {
    const tail = new OutputTail();
    expect(tail.last()).toEqual([]);
    tail.add('stderr', Buffer.from('Error: listen EADDRINUSE\n'));
    expect(tail.last()).toEqual(['Error: listen EADDRINUSE']);
  });
});
