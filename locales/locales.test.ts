/**
 * The English locale lists exactly the keys the plugin uses: every t('...') literal of web/src, every
 * catalogue title and description (translated where they are shown) and the console extensions' labels.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fields } from '../web/src/model/fields';

const root = path.resolve(__dirname, '..');
const locale = JSON.parse(fs.readFileSync(path.join(root, 'locales/en/plugin__netobserv-plugin.json'), 'utf8')) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'web/src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1].replace(/\\'/g, "'"));
  }
  for (const f of fields) {
    keys.add(f.title);
    keys.add(f.description);
  }
  const extensions = fs.readFileSync(path.join(root, 'console-extensions.json'), 'utf8');
  for (const m of extensions.matchAll(/%plugin__netobserv-plugin~([^%]+)%/g)) keys.add(m[1]);
  return keys;
}

describe('English locale', () => {
  const used = usedKeys();

  it('has every key the plugin uses', () => {
    expect([...used].filter((k) => !(k in locale))).toEqual([]);
  });

  it('has no key the plugin does not use', () => {
    expect(Object.keys(locale).filter((k) => !used.has(k))).toEqual([]);
  });

  it('maps each key to an English text keeping its placeholders', () => {
    for (const [key, text] of Object.entries(locale)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.match(/{{\w+}}/g) ?? []).toEqual(key.match(/{{\w+}}/g) ?? []);
    }
  });
});
