import { defineConfig } from 'vitest/config'

// Unit tests for the wall's pure modules (state, series, i18n, export). No Svelte plugin needed:
// components are checked by svelte-check and by the lead's browser tests.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], root: import.meta.dirname },
})
