// The CLI from source (node --import tsx scripts/mageup-dev.ts …): tests and benches start workers with it, no build needed.
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
