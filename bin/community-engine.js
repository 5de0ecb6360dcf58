#!/usr/bin/env node
// The npx entry: the CLI is bundled into dist/ at pack time (see scripts/build-cli.mjs).
import "../dist/cli.js";
