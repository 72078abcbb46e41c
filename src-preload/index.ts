import { contextBridge, ipcRenderer } from 'electron'
import { contract } from '@contract'
import { buildApi } from '@contract/client'

// The renderer gets only `window.api`: one function per contract channel, nothing of ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'api',
  buildApi(contract, (channel, input) => ipcRenderer.invoke(channel, input)),
)
