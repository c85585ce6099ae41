import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../src/cli', import.meta.url));

describe('the CLI and the HTTP stack', () => {
  it('loads server/node.js (hono and its OpenAPI layer) only when berth serve runs: not on every command', () => {
    const staticLoads: string[] = [];
    let dynamicLoads = 0;
    for (const name of readdirSync(CLI).filter((file) => file.endsWith('.ts'))) {
      const source = ts.createSourceFile(
        name,
        readFileSync(join(CLI, name), 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
          if (node.moduleSpecifier.text.endsWith('server/node.js') && !node.importClause?.isTypeOnly)
            staticLoads.push(`${name}: ${node.getText(source)}`);
        } else if (
          ts.isCallExpression(node) &&
          node.expression.kind === ts.SyntaxKind.ImportKeyword &&
          ts.isStringLiteralLike(node.arguments[0]!) &&
          node.arguments[0].text.endsWith('server/node.js')
        ) {
          dynamicLoads += 1;
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(staticLoads).toEqual([]);
    expect(dynamicLoads).toBe(1);
  });
});
