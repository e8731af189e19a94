import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi } from '../shared/api/bridge';

// The renderer gets these two functions and nothing else of Node or Electron.
const bridge: BridgeApi = {
  invoke: (name, args, token) => ipcRenderer.invoke('rpc', { name, args, token }),
  on: (event, callback) => {
    const listener = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message.event === event) callback(message.payload);
    };
    ipcRenderer.on('backend-event', listener);
    return () => ipcRenderer.removeListener('backend-event', listener);
  },
};

contextBridge.exposeInMainWorld('api', bridge);
