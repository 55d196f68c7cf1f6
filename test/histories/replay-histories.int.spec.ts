import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

/**
 * Every recorded workflow history replays against today's workflow code. A change that would make
 * a running workflow non-deterministic fails here, in CI, before it reaches a cluster. How to
 * change a workflow safely (patched, recording new histories): docs/workflow-versioning.md.
 */
const dir = __dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('recorded workflow histories', () => {
  it('there are histories to replay', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s replays deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    await Worker.runReplayHistory(
      { workflowsPath: require.resolve('../../workflows/index') },
      history,
      file.replace(/\.json$/, ''),
    );
  });
});
