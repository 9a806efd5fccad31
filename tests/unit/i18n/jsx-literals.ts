import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Finds user-facing text written straight into JSX: text between tags, and string literals given
 * to attributes a person reads (title, placeholder, aria-label, alt, label, hint...). Text with no
 * letter (punctuation, "·", "→", "#") is not language and passes.
 */
export interface Literal { file: string; line: number; text: string }

const READ_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'hint', 'submitLabel', 'fitLabel', 'message', 'confirmLabel']);
const HAS_LETTER = /\p{L}/u;

export function jsxLiterals(root: string): Literal[] {
  const out: Literal[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tsx')) scan(p);
    }
  };
  const scan = (file: string) => {
    const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const report = (node: ts.Node, text: string) =>
      out.push({ file: path.relative(root, file), line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) report(node, node.text);
      if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
        const init = node.initializer;
        const lit = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)) ? init.expression : undefined;
        if (lit && HAS_LETTER.test(lit.text)) report(node, `${node.name.getText()}="${lit.text}"`);
      }
      // {'text'} as a child: a string literal expression directly inside JSX
      if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && HAS_LETTER.test(node.expression.text))
        report(node, node.expression.text);
      ts.forEachChild(node, visit);
    };
    visit(src);
  };
  walk(root);
  return out;
}
