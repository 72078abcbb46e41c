import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './src-main/security'

const alias = { '@contract': resolve(import.meta.dirname, 'src-preload/contract') }

/**
 * Puts the app's CSP into index.html (frame-ancestors only works as a header); the dev
 * server needs inline scripts and a websocket for hot reload.
 */
const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'yardstick-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, context) =>
        html.replace(
          '%CONTENT_SECURITY_POLICY%',
          context.server
            ? metaPolicy
                .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
                .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*")
            : metaPolicy,
        ),
    },
  }
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          'extract-worker': resolve(import.meta.dirname, 'src-main/core/documents/extract-worker.ts'),
          'pdf-worker': resolve(import.meta.dirname, 'src-main/core/exports/pdf/pdf-worker.ts'),
          'checkpoint-worker': resolve(import.meta.dirname, 'src-main/core/db/checkpoint-worker.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    resolve: { alias },
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // electron-vite leaves it off; web mode and the team server send it to browsers, and every window parses it.
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
})
