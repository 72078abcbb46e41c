import { contextBridge, ipcRenderer } from 'electron'
import { contract } from '@contract'
import { buildApi } from '@contract/client'
import type { DesktopBridge } from '@contract/desktop'

// The renderer gets only `window.api` (one function per contract channel) and `window.desktop` (which workspace
// the window shows), nothing of ipcRenderer itself. Where a call goes, local or team server, main decides.
contextBridge.exposeInMainWorld(
  'api',
  buildApi(contract, (channel, input) => ipcRenderer.invoke(channel, input)),
)
contextBridge.exposeInMainWorld('desktop', {
  current: () => ipcRenderer.invoke('desktop:current'),
  joinTeam: (input) => ipcRenderer.invoke('desktop:joinTeam', input),
  openLocal: () => ipcRenderer.invoke('desktop:openLocal'),
} satisfies DesktopBridge)
