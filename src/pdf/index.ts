// The PDF layer: finding a browser, printing hardened documents with one browser per run,
// header/footer templates with the markings, PDF metadata and sanity checks.

export {
  findBrowser,
  systemBrowserPaths,
  puppeteerCacheBrowsers,
  puppeteerCacheDir,
  isHeadlessShell,
  unwrap,
  BROWSER_ENV_VARS,
  HEADLESS_SHELL_COMMANDS,
  WRAPPED_BINARIES,
} from './find-browser.js';
export type { FindBrowserOptions, FoundBrowser, BrowserSource, BrowserKind } from './find-browser.js';
export { createBrowserDirs, removeStaleBrowserDirs, BROWSER_DIR_PREFIX } from './browser-dirs.js';
export type { BrowserDirs } from './browser-dirs.js';
export { browserVersion } from './browser-version.js';
export { PdfPrinter } from './printer.js';
export type { PdfPrinterOptions, PrintJob } from './printer.js';
export { CHROME_ARGS, defaultLauncher } from './launch.js';
export type { Launcher } from './launch.js';
export { headerFooterTemplates, PAGE_MARGINS, TLP_COLORS } from './header-footer.js';
export type { HeaderFooterOptions, HeaderFooterTemplates } from './header-footer.js';
export { checkPdf } from './check-pdf.js';
export { setPdfInfo, pdfTextString } from './pdf-info.js';
export type { PdfInfo } from './pdf-info.js';
export { escapeHtml } from '../text/escape-html.js';
