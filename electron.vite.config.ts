import { resolve } from 'node:path'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

/** What the core, the preload and the renderer all import: the contract's names and shapes, errors, messages, settings. */
const shared = { alias: { '@shared': resolve('main/api') } }

export default defineConfig({
  main: {
    resolve: shared,
    build: {
      // zod as a package is a hundred modules (every locale) loaded by every CLI command that reads the library;
      // bundled, only what the schemas use is in the chunk.
      externalizeDeps: { exclude: ['zod', 'linkedom', 'entities'] },
      rollupOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          cli: resolve('main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: shared,
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: shared,
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
