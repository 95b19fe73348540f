/**
 * Reads a TSX/TS source with the TypeScript parser and reports what the locale test needs: the keys
 * passed to t(), and the user-visible text that bypasses t() (JSX text, accessible names, titles,
 * placeholders). Parsing, rather than matching text, sees every quote style and multi-line call.
 */
import ts from 'typescript';

/** JSX attributes whose value a user reads or a screen reader speaks. */
const visibleAttributes = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'titleText',
  'placeholder',
  'label',
  'alt',
  'helperText',
  'tooltip',
  'content',
]);

/**
 * Arguments of t() that are not literals but are known keys: the catalogue's titles and descriptions,
 * which the locale test adds from web/src/model/fields.ts.
 */
const catalogueKeyExpression = /^\w+\.(title|description)$/;

export interface ScanResult {
  keys: string[];
  /** `file:line: what`, one per untranslated text or unreadable key. */
  problems: string[];
}

const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

function staticText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

export function scanSource(fileName: string, text: string): ScanResult {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const keys: string[] = [];
  const problems: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`${fileName}:${line + 1}: ${what}`);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const [arg] = node.arguments;
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) keys.push(arg.text);
      else if (!arg || !catalogueKeyExpression.test(arg.getText(source))) {
        report(node, `t() needs a literal key, got ${arg ? arg.getText(source) : 'nothing'}`);
      }
    } else if (ts.isJsxText(node) && hasWords(node.text)) {
      report(node, `untranslated JSX text "${node.text.trim()}"`);
    } else if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      const value = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression
          ? staticText(init.expression)
          : undefined;
      if (value !== undefined && hasWords(value)) report(node, `untranslated ${node.name.getText(source)} "${value}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { keys, problems };
}
