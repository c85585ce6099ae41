#!/usr/bin/env node
// The installed `berth` command: the compiled CLI (dist/, built by `npm run build`, which `npm ci` and
// `npm pack` run through `prepare`). From the sources, without a build: `npm run berth -- ...`.
import '../dist/cli/main.js';
