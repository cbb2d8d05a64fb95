import type { Session, WebContents } from 'electron';
import { isSafeExternalUrl } from '../core/external-links';

export type OpenExternal = (url: string) => Promise<void>;

/**
 * Navigation and new windows are denied outright: the app is one page, and anything that
 * tries to leave it is either a bug or an attack. Safe external links go to the system
 * browser instead.
 */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
  const deny = (event: { preventDefault: () => void }): void => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
}

/** No web permission is ever granted: camera, microphone, HID, notifications … all refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
