// Compile-time checks of the contract (never run, never bundled): `tsc` (make test-frontend) fails
// with "Unused '@ts-expect-error' directive" the day one of these calls compiles, that is, the
// day the client stops checking paths, methods, parameters or bodies against schema.d.ts.
import { apiHref, client } from './client';
import { admin, auth, links, tokens } from './endpoints';
import type {
  AdminUser,
  AdminUserPage,
  ApiToken,
  Domain,
  Link,
  LinkDetail,
  LinkPage,
  OrphanVisits,
  Stats,
  User,
} from './types';

export function callsTheApiDoesNotHave() {
  // The admin toggle's old call: the API has POST …/disable and …/enable, no PATCH.
  // @ts-expect-error no path /api/v1/admin/users/{id}
  void client.PATCH('/api/v1/admin/users/{id}', {
    params: { path: { id: 'u1' } },
    body: { disabled: true },
  });
  // @ts-expect-error the path exists, but not with PATCH
  void client.PATCH('/api/v1/admin/users/{id}/disable', { params: { path: { id: 'u1' } } });
  // @ts-expect-error no such path at all
  void client.GET('/api/v1/nowhere', {});
  // @ts-expect-error the path parameter is required
  void client.POST('/api/v1/admin/users/{id}/enable');
  // @ts-expect-error the body must be the operation's (LinkCreate has `target`, not `url`)
  void client.POST('/api/v1/links', { body: { url: 'https://example.com' } });
  // @ts-expect-error a link cannot move to another domain: LinkPatch has no `domain`
  void links.update('l1', { domain: 'go.example.com' });
  void links.create({
    target: 'https://e.example',
    // @ts-expect-error a variant's weight is an integer, not a string
    variants: [{ target: 'https://a.example', weight: '1' }],
  });
  void links.create({
    target: 'https://e.example',
    // @ts-expect-error `device` is one of the contract's values
    rules: [{ if: { device: 'phone' }, target: 'https://a.example' }],
  });
  // @ts-expect-error a domain's host is fixed: DomainPatch changes only its redirects
  void admin.updateDomain('go.example.com', { host: 'other.example.com' });
  // @ts-expect-error an image URL needs its path parameter too
  void apiHref('/api/v1/links/{id}/qr.svg', {});
}

// And what the calls answer is the document's type, never `any`: each line is `true` only when
// the answer is not `any` and each type is assignable to the other.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Same<A, B> =
  IsAny<A> extends true ? false : [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export const answersAreTheDocuments: true[] = [
  true satisfies Same<Answer<typeof admin.setUserDisabled>, AdminUser>,
  true satisfies Same<Answer<typeof admin.users>, AdminUserPage>,
  true satisfies Same<Answer<typeof auth.me>, User>,
  true satisfies Same<Answer<typeof links.get>, LinkDetail>,
  true satisfies Same<Answer<typeof links.update>, Link>,
  true satisfies Same<Answer<typeof links.list>, LinkPage>,
  true satisfies Same<Answer<typeof links.stats>, Stats>,
  true satisfies Same<Answer<typeof tokens.list>, ApiToken[]>,
  true satisfies Same<Answer<typeof admin.domains>, Domain[]>,
  true satisfies Same<Answer<typeof admin.createDomain>, Domain>,
  true satisfies Same<Answer<typeof admin.updateDomain>, Domain>,
  true satisfies Same<Answer<typeof admin.orphans>, OrphanVisits>,
];
