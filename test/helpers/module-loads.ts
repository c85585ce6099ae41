/** @module module-loads: where a source file loads a module at run time, read with TypeScript's parser. */
import ts from 'typescript';

export interface ModuleLoad {
  /**
   * 'static': an import or export declaration that is not `import type` or `export type` as a whole (with
   * verbatimModuleSyntax, `import { type X }` still loads the module), `import 'x'` included; 'dynamic': an
   * `import()` call; 'call': any other call given the path (require, createRequire's function).
   */
  kind: 'static' | 'dynamic' | 'call';
  /** `line N: ` and the first line of the code. */
  where: string;
}

/** Every run-time load of a module whose specifier matches `specifier`. `typeof import('x')` loads nothing. */
export function moduleLoads(fileName: string, text: string, specifier: RegExp): ModuleLoad[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ModuleLoad[] = [];
  const note = (kind: ModuleLoad['kind'], node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ kind, where: `line ${line + 1}: ${node.getText(source).split('\n')[0]}` });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (specifier.test(node.moduleSpecifier.text) && !node.importClause?.isTypeOnly) note('static', node);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (specifier.test(node.moduleSpecifier.text) && !node.isTypeOnly) note('static', node);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first) && specifier.test(first.text))
        note(node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic' : 'call', node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
