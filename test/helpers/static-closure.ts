/** @module static-closure: the source files and packages a module loads at start-up, by its static imports. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

export interface StaticClosure {
  /** Absolute paths of the `.ts` files loaded, the entry included. */
  files: Set<string>;
  /** Bare specifiers loaded, by package name (`@aws-sdk/client-pricing`, `zod`, `node:fs`). */
  packages: Set<string>;
}

/**
 * Follows every static import and re-export that is not type-only (with verbatimModuleSyntax, `import
 * { type X }` still loads the module); dynamic `import()` calls are where the closure stops.
 */
export function staticClosure(entry: string): StaticClosure {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      let specifier: string | undefined;
      if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly)
        specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly)
        specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (specifier === undefined) continue;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (!existsSync(target)) throw new Error(`${file}: cannot resolve ${specifier}`);
        visit(target);
      } else {
        const parts = specifier.split('/');
        packages.add(parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
      }
    }
  };
  visit(resolve(entry));
  return { files, packages };
}
