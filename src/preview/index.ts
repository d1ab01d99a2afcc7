// `cci preview`: a local server that shows briefings, drafts included, as the files are now.

export { startPreviewServer } from './server.js';
export type { PreviewServer, PreviewServerOptions } from './server.js';
