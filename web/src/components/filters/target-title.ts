/** The readable, translated name of a filter target. */
import { ResolvedTarget } from '../../model/filters';
import { usePluginTranslation } from '../i18n';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

export function targetTitle(t: Translate, resolved: ResolvedTarget): string {
  const [first, second] = resolved.fields;
  if (resolved.either && second) return t('{{source}} or {{destination}}', { source: t(first.title), destination: t(second.title) });
  return t(first.title);
}
