import { dirname } from 'node:path';
import { DIST_INDEX } from './support/dashboard-build';
import { initialJavaScript } from './support/initial-javascript';

/** The issue: the initial JavaScript under 300 KB gzipped (the app the browser tests load). */
describe('the built dashboard', () => {
  it('loads less than 300 KB of JavaScript, gzipped, before the first screen', () => {
    const files = initialJavaScript(dirname(DIST_INDEX));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.file.startsWith('assets/'))).toBe(true);
    const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
    process.stdout.write(
      `initial JavaScript: ${files.map((f) => `${f.file} ${f.gzipBytes} B`).join(', ')}; total ${total} B gzipped\n`,
    );
    expect(total).toBeLessThan(300 * 1000);
  });
});
