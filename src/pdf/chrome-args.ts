// The command line puppeteer.launch() gives Chromium, written out here so that cci can spawn
// the browser before puppeteer-core (about 0.1 s of CPU to import) is even loaded. It follows
// ChromeLauncher.defaultArgs() of puppeteer-core 24; test/pdf/chrome-args.test.ts compares the
// two, so an upgrade of puppeteer that changes its defaults fails a test instead of drifting.

/** Features puppeteer turns off (Translate pop-ups, crbug.com/1348106, puppeteer#10715...). */
const DISABLED_FEATURES = [
  'Translate',
  'AcceptCHFrame',
  'MediaRouter',
  'OptimizationHints',
  'WebUIReloadButton',
  'ProcessPerSiteUpToMainFrameThreshold',
  'IsolateSandboxedIframes',
];

/** Features puppeteer turns on: PdfOopif is how it expects PDFs to be handled. */
const ENABLED_FEATURES = ['PdfOopif'];

/** puppeteer's flags for an automated browser, before the profile and headless ones. */
const AUTOMATION_FLAGS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf', // PDFs with structure (PdfPrinter prints tagged: true)
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
];

export interface ChromeCommandLineOptions {
  /** The temporary profile (absolute path). */
  userDataDir: string;
  /** cci's own flags (CHROME_ARGS, --no-sandbox, extra ones), appended as puppeteer does. */
  args?: readonly string[];
  /** true: new headless mode; 'shell': the old one; false: a window (debugging only). */
  headless?: boolean | 'shell';
  /**
   * false: no first tab (`--no-startup-window` instead of about:blank), for a caller that opens
   * its own pages: Chromium is ready about 0.15 s sooner. Default true, as puppeteer.launch.
   */
  startupPage?: boolean;
}

/** The values of every `flag=a,b` in args (puppeteer merges feature lists rather than repeat the flag). */
function featuresIn(flag: string, args: readonly string[]): string[] {
  return args
    .filter((a) => a.startsWith(`${flag}=`))
    .flatMap((a) => a.slice(flag.length + 1).split(','))
    .map((f) => f.trim())
    .filter(Boolean);
}

/**
 * The arguments puppeteer.launch({ pipe: true, userDataDir, headless, args }) would pass:
 * its defaults, the caller's args last (so they win), and the DevTools pipe on fds 3 and 4.
 */
export function chromeCommandLine(opts: ChromeCommandLineOptions): string[] {
  const extra = opts.args ?? [];
  const headless = opts.headless ?? true;
  const rest = extra.filter((a) => !a.startsWith('--disable-features=') && !a.startsWith('--enable-features='));
  const flags = [
    ...AUTOMATION_FLAGS,
    `--disable-features=${[...DISABLED_FEATURES, ...featuresIn('--disable-features', extra)].join(',')}`,
    `--enable-features=${[...ENABLED_FEATURES, ...featuresIn('--enable-features', extra)].join(',')}`,
    `--user-data-dir=${opts.userDataDir}`,
    ...(headless === false
      ? []
      : [headless === 'shell' ? '--headless' : '--headless=new', '--hide-scrollbars', '--mute-audio']),
    '--disable-extensions',
    // puppeteer opens about:blank unless the caller named a page to open
    ...(opts.startupPage === false
      ? ['--no-startup-window']
      : rest.every((a) => a.startsWith('-'))
        ? ['about:blank']
        : []),
    ...rest,
  ];
  if (!flags.some((a) => a.startsWith('--remote-debugging-'))) flags.push('--remote-debugging-pipe');
  return flags;
}
