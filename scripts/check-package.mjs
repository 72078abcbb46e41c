// Runs after `electron-builder --dir`: checks that what the packaged main process loads at run time is where it
// will look for it. Files inside app.asar are read through Electron's asar support; native bindings cannot be,
// so they must sit in app.asar.unpacked.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import asar from '@electron/asar'

const outputDir = process.argv[2] ?? 'dist'
const unpackedDir = readdirSync(outputDir, { withFileTypes: true }).find(
  (entry) => entry.isDirectory() && entry.name.endsWith('-unpacked'),
)
const resources = unpackedDir
  ? join(outputDir, unpackedDir.name, 'resources')
  : join(outputDir, 'mac', 'Yardstick.app', 'Contents', 'Resources')
const archive = join(resources, 'app.asar')
if (!existsSync(archive)) {
  console.error(`No packaged app found under ${outputDir} (looked for ${archive}).`)
  process.exit(1)
}
const inArchive = new Set(asar.listPackage(archive, { isPack: false }).map((path) => path.replaceAll('\\', '/')))
const unpacked = join(resources, 'app.asar.unpacked')

const platformBinding = `${process.platform}-${process.arch}.node`
const checks = [
  ['main bundle', inArchive.has('/out/main/index.js')],
  ['preload bundle', inArchive.has('/out/preload/index.cjs')],
  ['renderer', inArchive.has('/out/renderer/index.html')],
  ['PDF worker (out/main/pdf-worker.js)', inArchive.has('/out/main/pdf-worker.js')],
  ['text extraction worker (out/main/extract-worker.js)', inArchive.has('/out/main/extract-worker.js')],
  ['checkpoint worker (out/main/checkpoint-worker.js)', inArchive.has('/out/main/checkpoint-worker.js')],
  ['fonts (resources/fonts/DejaVuSans.ttf)', inArchive.has('/resources/fonts/DejaVuSans.ttf')],
  ['demo ladder (resources/demo)', inArchive.has('/resources/demo/backend-engineering.yaml')],
  ['demo posting (resources/demo)', [...inArchive].some((path) => /^\/resources\/demo\/.*posting/.test(path))],
  ['better-sqlite3 JavaScript', inArchive.has('/node_modules/better-sqlite3/package.json')],
  [
    `better-sqlite3 native binding, unpacked (prebuilds/${platformBinding})`,
    existsSync(join(unpacked, 'node_modules', 'better-sqlite3', 'prebuilds', platformBinding)) ||
      existsSync(join(unpacked, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')),
  ],
  ['pdf.js (text extraction)', inArchive.has('/node_modules/pdfjs-dist/package.json')],
  ['no development dependencies', !inArchive.has('/node_modules/electron-vite/package.json')],
]
let failed = 0
for (const [what, ok] of checks) {
  console.log(`${ok ? 'ok  ' : 'MISSING'} ${what}`)
  if (!ok) failed++
}
console.log(failed ? `\n${failed} check(s) failed in ${resources}` : `\nPackaged layout checked: ${resources}`)
process.exit(failed ? 1 : 0)
