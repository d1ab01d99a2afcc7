// Email delivery of a run's PDFs (cci brief --email), and the mail check of cci doctor.
// See deliver.ts.

export { deliverBriefings, DeliveryFailure, type DeliverOptions, type DeliveryReport } from './deliver.js';
export { checkDeliverable, checkSendLog, type DeliverableDoc } from './preflight.js';
export { SEND_LOG_NAME, SendLog } from './send-log.js';
export { recipientsFor } from './recipients.js';
export { messageIdOf } from './message.js';
export { sendNotice, type NoticeOptions } from './notice.js';
export type { Mailer, Network } from './smtp-session.js';
export type { TransportTimeouts } from './timeouts.js';
export type { RetryPolicy } from './retry.js';
