import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from './routes';
import { mockApi, problem } from './test/render';

afterEach(() => vi.unstubAllGlobals());

describe('routes', () => {
  it('answers an unknown address with a page-not-found page, not "Link not found"', async () => {
    mockApi((_, path) =>
      path === '/api/v1/me' ? problem(401, 'unauthorized', 'sign in first') : undefined,
    );
    const router = createMemoryRouter(routes, { initialEntries: ['/no/such/page'] });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect(screen.getByText(/no\/such\/page$/)).toBeVisible();
    expect(screen.queryByText('Link not found')).toBeNull();
  });
});
