import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screens`: the same server and browsers as the journeys, but one spec
 * that photographs every page on a desktop and a 390×844 phone into tests/screens/
 * (gitignored), for a person to look at. Not part of `npm test`.
 */
export default defineConfig({ ...base, testMatch: 'screens.ts', workers: 1 });
