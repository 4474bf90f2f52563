import { Command } from 'commander';

const program = new Command();
program.name('osprey').description('Osprey — self-hosted AI marketing engine').version('0.1.0');
await program.parseAsync(process.argv);
