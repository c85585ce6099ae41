/** @module schema-command: `berth schema` prints the JSON Schema of workload files. */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

export function addSchemaCommand(program: Command, context: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of workload files')
    .action(async () => {
      const { workloadJsonSchema } = await import('../workload/json-schema.js');
      context.io.stdout(`${JSON.stringify(workloadJsonSchema(), null, 2)}\n`);
      context.exitCode = 0;
    });
}
