/**
 * The Electron adapter: window, protocol and native dialogs. Everything else is the host core,
 * which browser mode serves too; keep this file thin.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createHostCore, type HostCore } from '../host/hostCore';
import { defaultDataDir, installedAppOptions } from '../host/appPaths';
import { spawnUtilityProcess } from './utilityNativeProcess';
import { nativeChannels, type FilesFromDialog } from '../../shared/contract/nativeApi';
import { bundleExtension, isBundleFileName } from '../../shared/contract/labApi';
import { openableExtensions } from '../../shared/contract/fileFormats';
import { isSqlFileName } from '../../shared/contract/sqlFileApi';
import type { Dataset } from '../../shared/contract/hostApi';
import { createTranslator, isLocale, matchLocale, type Translate } from '../../shared/i18n/translate';

const scheme = 'datalab';
const appOrigin = `${scheme}://app`;
// Native dialogs speak the system's language (the page follows the workspace's choice).
let t = createTranslator();

protocol.registerSchemesAsPrivileged([
  { scheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

/** Files named on the command line (`electron <app> a.csv b.arrow`, or the packaged app's arguments). */
function filesFromArgv(argv: readonly string[], workingDirectory = process.cwd()): string[] {
  return argv
    .slice(app.isPackaged ? 1 : 2)
    .filter((arg) => !arg.startsWith('-'))
    .map((file) => path.resolve(workingDirectory, file));
}

function isAppFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return url !== undefined && isAppUrl(url);
}

/**
 * The dialogs speak the page's current language: the language menu may have switched it since the
 * app started in the system's. The page's <html lang> says which (`ar-MA`, `fr`, `en`).
 */
async function pageTranslator(event: IpcMainInvokeEvent): Promise<Translate> {
  const lang: unknown = await event.sender.executeJavaScript('document.documentElement.lang', false).catch(() => undefined);
  return createTranslator(matchLocale([typeof lang === 'string' ? lang : undefined, app.getLocale()]));
}

async function openAll(core: HostCore, paths: readonly string[], announce = false): Promise<Dataset[]> {
  const opened: Dataset[] = [];
  for (const file of paths) opened.push(await core.datasets.open(file, { announce }));
  return opened;
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  // The app never talks to the network: every http(s) or websocket request from the window is cancelled.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, respond) =>
    respond({ cancel: true }),
  );
  ses.setPermissionRequestHandler((_webContents, _permission, respond) => respond(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Whether a URL is one of the app's own pages (parsed, never compared as a string). */
function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

/**
 * Every web contents the app ever creates (the window, and anything it could open) may show only
 * the app's own pages: no new windows, no navigation or redirect elsewhere, no <webview>.
 */
function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: t('app.title'),
    show: false,
    webPreferences: {
      preload: path.join(fileURLToPath(new URL('.', import.meta.url)), '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The page starts in the system's language; the workspace's choice, once loaded, wins, unless
  // the language was asked for on the command line (`npm start -- --lang fr` passes Chromium's
  // own `--lang=fr`, which app.getLocale() follows too).
  const asked = app.commandLine.getSwitchValue('lang');
  const query = new URLSearchParams({ locale: app.getLocale(), ...(isLocale(asked) ? { lang: asked } : {}) });
  void window.loadURL(`${appOrigin}/?${query}`);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  guardAllWebContents();
  await app.whenReady();
  t = createTranslator(matchLocale([app.getLocale()]));
  lockDownSession();
  const core = await createHostCore({
    mode: 'electron',
    ...installedAppOptions(import.meta.url),
    dataDir: defaultDataDir(),
    filesToOpen: filesFromArgv(process.argv),
    spawnNative: spawnUtilityProcess,
    warmNativeProcess: true,
  });
  // Only datalab://app/ is the app: any other host under the scheme is not served.
  protocol.handle(scheme, (request) =>
    isAppUrl(request.url) ? core.fetch(request) : Promise.resolve(new Response(null, { status: 404 })),
  );

  ipcMain.handle(nativeChannels.openFileDialog, async (event) => {
    if (!isAppFrame(event)) throw new Error('Refused: not the app’s window.');
    const window = BrowserWindow.fromWebContents(event.sender);
    const t = await pageTranslator(event);
    const options: Electron.OpenDialogOptions = {
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: t('files.dialogFilter'), extensions: [...openableExtensions, bundleExtension.slice(1), 'sql'] }],
    };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const chosen: FilesFromDialog = { datasets: [], bundles: [], sqlFiles: [] };
    if (result.canceled) return chosen;
    const bundles = result.filePaths.filter((file) => isBundleFileName(path.basename(file)));
    // A bundle is opened by the page, which asks about an unverified source; the user chose this one.
    for (const file of bundles) {
      const real = await realpath(file);
      core.allowChosenBundle(real);
      chosen.bundles.push(real);
    }
    // An SQL file opens in an editor tab, read by the page through the host's SQL file routes.
    const sqlFiles = result.filePaths.filter((file) => isSqlFileName(path.basename(file)));
    for (const file of sqlFiles) chosen.sqlFiles.push(await realpath(file));
    chosen.datasets = await openAll(core, result.filePaths.filter((file) => !bundles.includes(file) && !sqlFiles.includes(file)));
    return chosen;
  });
  ipcMain.handle(nativeChannels.saveFileDialog, async (event, defaultName: unknown) => {
    if (!isAppFrame(event)) throw new Error('Refused: not the app’s window.');
    const name = path.basename(z.string().min(1).max(255).parse(defaultName));
    const window = BrowserWindow.fromWebContents(event.sender);
    const t = await pageTranslator(event);
    const options: Electron.SaveDialogOptions = {
      title: t('export.saveDialogTitle'),
      defaultPath: path.join(app.getPath('documents'), name),
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    // The user picked this file in a native dialog: exports may write it, wherever it is.
    core.allowExportDestination(result.filePath);
    return result.filePath;
  });
  ipcMain.handle(nativeChannels.openDroppedFiles, async (event, paths: unknown) => {
    if (!isAppFrame(event)) throw new Error('Refused: not the app’s window.');
    // The renderer names these paths: the same checks as any path it sends (absolute, inside the roots).
    const opened: Dataset[] = [];
    for (const file of z.array(z.string().min(1).max(4096)).max(100).parse(paths)) opened.push(await core.openNamedFile(file));
    return opened;
  });

  let window = createWindow();
  app.on('second-instance', (_event, argv, workingDirectory) => {
    void openAll(core, filesFromArgv(argv, workingDirectory), true).catch((error: unknown) => console.error('[open]', error));
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('will-quit', () => core.close());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

void start();
