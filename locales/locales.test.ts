/**
 * The English locale lists exactly the keys the plugin uses: every t('...') literal of web/src, every
 * catalogue title and description (translated where they are shown) and the console extensions' labels;
 * and no user-visible text of web/src bypasses t().
 */
import * as fs from 'fs';
import * as path from 'path';
import { fields } from '../web/src/model/fields';
import { scanSource } from './i18n-scan';

const root = path.resolve(__dirname, '..');
const locale = JSON.parse(fs.readFileSync(path.join(root, 'locales/en/plugin__netobserv-plugin.json'), 'utf8')) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-utils' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function scanAll() {
  const keys = new Set<string>();
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(root, 'web/src'))) {
    const result = scanSource(path.relative(root, file), fs.readFileSync(file, 'utf8'));
    result.keys.forEach((k) => keys.add(k));
    problems.push(...result.problems);
  }
  for (const f of fields) {
    keys.add(f.title);
    keys.add(f.description);
  }
  const extensions = fs.readFileSync(path.join(root, 'console-extensions.json'), 'utf8');
  for (const m of extensions.matchAll(/%plugin__netobserv-plugin~([^%]+)%/g)) keys.add(m[1]);
  return { keys, problems };
}

describe('English locale', () => {
  const { keys: used, problems } = scanAll();

  it('finds the keys of the plugin (the scan reads the sources)', () => {
    expect(used.size).toBeGreaterThan(50);
    expect(used).toContain('Network Traffic');
    expect(used).toContain('Dark theme');
  });

  it('has every key the plugin uses', () => {
    expect([...used].filter((k) => !(k in locale))).toEqual([]);
  });

  it('has no key the plugin does not use', () => {
    expect(Object.keys(locale).filter((k) => !used.has(k))).toEqual([]);
  });

  it('is the only source of user-visible text in web/src', () => {
    expect(problems).toEqual([]);
  });

  it('maps each key to an English text keeping its placeholders', () => {
    for (const [key, text] of Object.entries(locale)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.match(/{{\w+}}/g) ?? []).toEqual(key.match(/{{\w+}}/g) ?? []);
    }
  });
});

describe('scanSource', () => {
  const scan = (text: string) => scanSource('x.tsx', text);

  it('reads keys in any quote style, across lines, with options', () => {
    const { keys, problems } = scan(`
      const a = t('single');
      const b = t("double");
      const c = t(\`backtick\`);
      const d = t(
        'multi line {{n}}',
        { n: 1 },
      );
      const e = t('it\\'s escaped');
    `);
    expect(keys).toEqual(['single', 'double', 'backtick', 'multi line {{n}}', "it's escaped"]);
    expect(problems).toEqual([]);
  });

  it('refuses a key it cannot read, except catalogue titles and descriptions', () => {
    const { problems } = scan("t(key); t(`a ${b}`); t('x' + y); t(f.title); t(f.description); t();");
    expect(problems).toEqual([
      'x.tsx:1: t() needs a literal key, got key',
      'x.tsx:1: t() needs a literal key, got `a ${b}`',
      "x.tsx:1: t() needs a literal key, got 'x' + y",
      'x.tsx:1: t() needs a literal key, got nothing',
    ]);
  });

  it('reports text shown without t(): JSX text, accessible names, titles and placeholders', () => {
    const { problems } = scan(`
      const a = <Button aria-label="Refresh" />;
      const b = <span title={'Some title'}>Hello there</span>;
      const c = <TextInput placeholder={\`Type \${x} here\`} />;
      const d = <Alert title={t('Fine')} aria-label={label} data-test="not-visible">{' '}{name}</Alert>;
      const e = <span title={\`\${kind} \${ns}/\${name}\`}>-</span>;
    `);
    expect(problems).toEqual([
      'x.tsx:2: untranslated aria-label "Refresh"',
      'x.tsx:3: untranslated title "Some title"',
      'x.tsx:3: untranslated JSX text "Hello there"',
      'x.tsx:4: untranslated placeholder "Type   here"',
    ]);
  });
});
