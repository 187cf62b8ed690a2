// Runs the CLI from source (no build needed): the precision bench spawns one of these per project.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
