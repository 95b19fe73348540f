/** A minimal console-like frame around the page: masthead with the brand text and the theme switch. */
import { ReactNode } from 'react';
import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  Page,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { useHostTheme } from '../console/services';
import { usePluginTranslation } from '../components/i18n';

function ThemeSwitch() {
  const { t } = usePluginTranslation();
  const { mode, setMode } = useHostTheme();
  if (!setMode) return null;
  return (
    <Switch
      id="theme-switch"
      label={t('Dark theme')}
      isChecked={mode === 'dark'}
      onChange={(_e, dark) => setMode(dark ? 'dark' : 'light')}
      data-test="theme-switch"
    />
  );
}

export function StandaloneShell({ children }: { children: ReactNode }) {
  const { t } = usePluginTranslation();
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <span className="netobserv-standalone-brand" data-test="brand">
            {t('Network Traffic — standalone')}
          </span>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarItem align={{ default: 'alignEnd' }}>
              <ThemeSwitch />
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  return <Page masthead={masthead}>{children}</Page>;
}
