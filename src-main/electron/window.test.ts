import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here, so `electron` is the one double: a recorder of what our
// window code asks of it. The code under test is the real createMainWindow.
const recorded = vi.hoisted(() => ({
  windowOptions: [] as unknown[],
  contentsHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  windowOpenHandler: null as null | ((details: { url: string }) => { action: string }),
  loadedUrls: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (handler: typeof recorded.windowOpenHandler) => {
        recorded.windowOpenHandler = handler;
      },
      on: (event: string, handler: (...args: unknown[]) => unknown) => {
        recorded.contentsHandlers.set(event, handler);
      },
    };
    constructor(options: unknown) {
      recorded.windowOptions.push(options);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      recorded.loadedUrls.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('./window');

describe('createMainWindow', () => {
  const opened: string[] = [];
  beforeEach(() => {
    recorded.windowOptions.length = 0;
    recorded.contentsHandlers.clear();
    recorded.windowOpenHandler = null;
    recorded.loadedUrls.length = 0;
    opened.length = 0;
    createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      startUrl: 'app://switchboard/index.html',
      openExternal: async (url) => {
        opened.push(url);
      },
    });
  });

  it('creates the window isolated, sandboxed and without Node', () => {
    expect(recorded.windowOptions).toHaveLength(1);
    const { webPreferences } = recorded.windowOptions[0] as { webPreferences: object };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('denies every new window and opens only vetted links externally', () => {
    const handler = recorded.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler!({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(handler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler!({ url: 'smb://attacker/share' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/help']);
  });

  it('prevents navigation, redirects and webviews', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const handler = recorded.contentsHandlers.get(event);
      expect(handler, event).toBeDefined();
      const preventDefault = vi.fn();
      handler!({ preventDefault }, 'https://evil.example/');
      expect(preventDefault, event).toHaveBeenCalledOnce();
    }
  });

  it('loads the app from its own origin', () => {
    expect(recorded.loadedUrls).toEqual(['app://switchboard/index.html']);
  });
});
