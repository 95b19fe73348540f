import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'util';
import './response-polyfill';

// jsdom lacks TextEncoder/TextDecoder, which react-router uses.
if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder, TextDecoder });
