/**
 * The filters as text, in the grammar of the URL (e.g. `K8S_Namespace=iperf;DstPort=443`): applied on
 * Enter or with the button, refused with the parser's message when it does not parse.
 */
import { FormEvent, useEffect, useState } from 'react';
import {
  Button,
  FormHelperText,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import { FilterError, parseFilters } from '../model/filters';
import { usePluginTranslation } from './i18n';

interface FilterInputProps {
  /** The applied filters text (from the URL). */
  value: string;
  /** A problem with the applied text itself (e.g. a bad shared link). */
  appliedError?: string;
  onApply: (text: string) => void;
}

export function FilterInput({ value, appliedError, onApply }: FilterInputProps) {
  const { t } = usePluginTranslation();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | undefined>();

  // Follow the URL when it changes from elsewhere (back button, a link).
  useEffect(() => {
    setDraft(value);
    setError(undefined);
  }, [value]);

  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    try {
      parseFilters(draft);
    } catch (err) {
      setError(err instanceof FilterError ? err.message : String(err));
      return;
    }
    setError(undefined);
    onApply(draft.trim());
  };

  const shownError = error ?? (draft === value ? appliedError : undefined);
  return (
    <form onSubmit={apply} className="netobserv-filter-input">
      <InputGroup>
        <InputGroupItem isFill>
          <TextInput
            type="text"
            value={draft}
            onChange={(_e, v) => setDraft(v)}
            aria-label={t('Filters')}
            placeholder={t('Filters, e.g. K8S_Namespace=my-namespace;DstPort=443')}
            validated={shownError ? 'error' : 'default'}
            data-test="filter-input"
          />
        </InputGroupItem>
        <InputGroupItem>
          <Button variant="control" type="submit" data-test="filter-apply">
            {t('Apply')}
          </Button>
        </InputGroupItem>
      </InputGroup>
      {shownError && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant="error" data-test="filter-error">
              {t('Invalid filters: {{message}}', { message: shownError })}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
    </form>
  );
}
