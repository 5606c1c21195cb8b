// One voice for what the SPA says when something fails: a capitalised UI sentence for each
// problem `type` we know (by its slug), and the server's own detail as secondary text,
// capitalised too. Pages with more to say about one case (the invitation page) add advice
// instead of a second version of the same message.
import { ApiError } from '../api/client';

/** UI sentences by problem slug (the last segment of the problem's `type`). */
const SENTENCES: Record<string, string> = {
  unauthorized: 'Please log in again.',
  forbidden: 'You are not allowed to do that.',
  'role-forbidden': 'Your role in this workspace does not allow that.',
  'session-required': 'Do this in the browser, signed in: an API token cannot.',
  'signup-closed': 'Sign-up is closed on this installation.',
  'not-found': 'It no longer exists, or it is not yours to see.',
  'already-member': 'You are a member of this workspace already.',
  'invitation-used': 'This invitation has been used already.',
  'invitation-expired': 'This invitation has expired.',
  'cannot-disable-self': 'You cannot disable your own account.',
  'default-domain': 'The default domain cannot be deleted.',
  'personal-workspace': 'A personal workspace cannot be deleted.',
  'workspace-not-empty': 'Delete or move this workspace’s links first.',
  'alias-taken': 'That alias is taken.',
  'validation-error': 'Some fields need another look.',
  'invalid-cursor': 'That page is out of date: start again from the first one.',
  'code-space-exhausted': 'No short code is free right now: try a custom alias.',
  draining: 'The server is restarting: try again in a moment.',
  'rate-limited': 'Too many attempts.',
  'network-error': 'The server could not be reached. Check your connection and try again.',
};

/** `the alias is taken` → `The alias is taken.` */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  // A leading host, email or code stays as it is spelled (`go.example.com is …`).
  const firstWord = trimmed.split(/\s/)[0] ?? '';
  const first = /[.@/_:]/.test(firstWord)
    ? trimmed
    : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

export interface Message {
  /** What the SPA says. */
  text: string;
  /** The server's detail when it adds something, capitalised. */
  detail?: string;
}

function waitFor(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/** Whether the server's detail says more than the UI's sentence (else it would be an echo). */
function addsSomething(known: string, detail: string): boolean {
  const said = words(known);
  const own = [...words(detail)].filter((w) => !said.has(w));
  return own.length > words(detail).size / 2;
}

/** The message of an error: a known problem's sentence plus its detail, else the detail. */
export function describeError(error: unknown): Message {
  if (error instanceof ApiError) {
    const slug = error.type.split(/[/#]/).pop() ?? '';
    const known = SENTENCES[slug];
    if (error.status === 429) {
      const text = error.retryAfter
        ? `Too many attempts. Try again in ${waitFor(error.retryAfter)}.`
        : 'Too many attempts. Try again in a moment.';
      return { text };
    }
    const detail = error.detail ? sentence(error.detail) : undefined;
    if (!known) return { text: detail ?? sentence(error.title) };
    return detail && addsSomething(known, detail) ? { text: known, detail } : { text: known };
  }
  if (error instanceof Error) return { text: sentence(error.message) };
  return { text: 'Something went wrong.' };
}

/** One line: the sentence, then the detail. */
export function messageText(error: unknown): string {
  const { text, detail } = describeError(error);
  return detail ? `${text} ${detail}` : text;
}
