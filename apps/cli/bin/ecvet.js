#!/usr/bin/env node
'use strict';
// `ecvet …` (the package's bin; `npx ecvet` inside the repository): the command line run from its
// TypeScript sources under @swc-node/register, as `npm run cli` runs it, from any folder.
const { join } = require('node:path');

process.env.SWC_NODE_PROJECT ??= join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
const { main } = require('../src/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
