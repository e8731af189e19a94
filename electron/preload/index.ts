import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi } from '../shared/api/bridge';
import type { CallEvent } from '../shared/api/calls';

// The renderer gets these two functions and nothing else of Node or Electron.
const bridge: BridgeApi = {
  invoke: (name, args, token, callId) => ipcRenderer.invoke('rpc', { name, args, token, callId }),
  onCallEvent: (callback) => {
    const listener = (_e: IpcRendererEvent, message: CallEvent) => callback(message);
    ipcRenderer.on('backend-event', listener);
    return () => ipcRenderer.removeListener('backend-event', listener);
  },
};

contextBridge.exposeInMainWorld('api', bridge);
