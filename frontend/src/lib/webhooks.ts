// The webhook events, for the create and edit forms (the API's `WebhookEvent`).
import type { WebhookEvent } from '../api/types';

export const WEBHOOK_EVENTS: readonly [WebhookEvent, string][] = [
  ['link.created', 'Link created'],
  ['link.updated', 'Link changed'],
  ['link.deleted', 'Link deleted'],
  ['link.clicked', 'Clicks (batched, up to 100 per delivery)'],
  ['member.added', 'Member added'],
  ['member.removed', 'Member removed'],
  ['domain.created', 'Branded domain added'],
];

// Fails to compile when the API gains an event the forms do not offer.
type Unlisted = Exclude<WebhookEvent, (typeof WEBHOOK_EVENTS)[number][0]>;
export const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** Why the worker turned a webhook off, in words. */
export const DISABLED_REASONS: Record<string, string> = {
  gone: 'the receiver answered 410 Gone',
  failing: 'too many deliveries in a row failed on every attempt',
};
