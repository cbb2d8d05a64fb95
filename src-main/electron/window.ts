import { BrowserWindow } from 'electron';
import { hardenWebContents, type OpenExternal } from './harden';

export type MainWindowOptions = {
  preloadPath: string;
  startUrl: string;
  openExternal: OpenExternal;
};

/** The agent's window, sized for the 1366x768 screens call centers run. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Switchboard',
    autoHideMenuBar: true,
    // The renderer runs as an untrusted web page: isolated from the preload, sandboxed, no
    // Node. Written out literally (not spread from a constant) so that static checkers such
    // as electronegativity can see every option on the line that creates the window.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, bypassing the open handler.
      disableBlinkFeatures: 'Auxclick',
      preload: options.preloadPath,
    },
  });
  hardenWebContents(window.webContents, options.openExternal);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl);
  return window;
}
