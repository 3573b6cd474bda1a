import { resolve } from 'node:path'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * The font files the first screen (the library) is set in: the interface's sans and the titles' serif, upright, Latin
 * (French included). Their CSS asks for them only once the page is laid out; preloaded, they come with the styles.
 */
const FIRST_SCREEN_FONTS = [/^assets\/source-sans-3-latin-wght-normal-[\w-]+\.woff2$/, /^assets\/literata-latin-opsz-normal-[\w-]+\.woff2$/]

/** Adds `<link rel="preload" as="font">` to the page for the built font files that match. */
function preloadFonts(patterns: RegExp[]): Plugin {
  return {
    name: 'visavis-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle }) =>
        Object.keys(bundle ?? {})
          .filter((file) => patterns.some((pattern) => pattern.test(file)))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `./${file}`, crossorigin: true },
            injectTo: 'head',
          })),
    },
  }
}

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
    plugins: [react(), preloadFonts(FIRST_SCREEN_FONTS)],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
