import { act, render, screen } from '@testing-library/react';
import { darkThemeClass } from './services';
import { setHtmlThemeMode, useHtmlThemeMode } from './theme';

function ShowMode() {
  return <span data-test="mode">{useHtmlThemeMode()}</span>;
}

describe('useHtmlThemeMode', () => {
  afterEach(() => document.documentElement.classList.remove(darkThemeClass));

  it('follows the class the console sets on <html>, without the page asking', async () => {
    render(<ShowMode />);
    expect(screen.getByTestId('mode')).toHaveTextContent('light');
    // What the console does when the user picks the dark theme (no call into our code).
    await act(async () => document.documentElement.classList.add(darkThemeClass));
    expect(screen.getByTestId('mode')).toHaveTextContent('dark');
    await act(async () => document.documentElement.classList.remove(darkThemeClass));
    expect(screen.getByTestId('mode')).toHaveTextContent('light');
  });

  it("is switched by the standalone shell through the same class, keeping the host's other classes", async () => {
    document.documentElement.classList.add('other-class');
    render(<ShowMode />);
    await act(async () => setHtmlThemeMode('dark'));
    expect(screen.getByTestId('mode')).toHaveTextContent('dark');
    expect(document.documentElement).toHaveClass('other-class', darkThemeClass);
    await act(async () => setHtmlThemeMode('light'));
    expect(document.documentElement).not.toHaveClass(darkThemeClass);
    document.documentElement.classList.remove('other-class');
  });
});
