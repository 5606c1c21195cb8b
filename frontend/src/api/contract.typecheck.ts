// Compile-time checks of the contract (never run, never bundled): `tsc` (make test-frontend) fails
// with "Unused '@ts-expect-error' directive" the day one of these calls compiles, that is, the
// day the client stops checking paths, methods, parameters or bodies against schema.d.ts.
import { apiHref, client } from './client';

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
  // @ts-expect-error an image URL needs its path parameter too
  void apiHref('/api/v1/links/{id}/qr.svg', {});
}
