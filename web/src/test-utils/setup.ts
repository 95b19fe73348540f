import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'util';
import './response-polyfill';

// jsdom lacks TextEncoder/TextDecoder, which react-router uses.
if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder, TextDecoder });

// The components carry data-test attributes (shared with the Playwright suites).
configure({ testIdAttribute: 'data-test' });
