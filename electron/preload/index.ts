// The preload runs sandboxed: it may use only contextBridge, ipcRenderer and webUtils.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { nativeChannels, type NativeApi } from '../../shared/contract/nativeApi';

const nativeApi: NativeApi = {
  openFileDialog: () => ipcRenderer.invoke(nativeChannels.openFileDialog),
  openDroppedFiles: (files) =>
    ipcRenderer.invoke(
      nativeChannels.openDroppedFiles,
      files.map((file) => webUtils.getPathForFile(file)).filter((p) => p !== ''),
    ),
  saveFileDialog: (defaultName) => ipcRenderer.invoke(nativeChannels.saveFileDialog, defaultName),
};

contextBridge.exposeInMainWorld('dataLabNative', nativeApi);
