import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useId, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { auth } from '../api/endpoints';
import { ME_KEY, useMe } from '../auth/useMe';
import { useWorkspaces } from '../auth/useWorkspaces';
import { can } from '../lib/roles';
import { Footer } from './Footer';
import { Loading } from './Loading';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The links of a signed-in user; what the current workspace's role cannot use is left out. */
function UserLinks() {
  const { current } = useWorkspaces();
  // Until the workspace is known, offer what most roles may do (the pages check again).
  const write = current === undefined || can(current.role, 'links.write');
  return (
    <>
      <li>
        <WorkspaceSwitcher />
      </li>
      {write ? (
        <li>
          <NavLink to="/" end>
            Shorten
          </NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/links">Links</NavLink>
      </li>
      <li>
        <NavLink to="/overview">Overview</NavLink>
      </li>
      <li>
        <NavLink to="/analytics">Analytics</NavLink>
      </li>
      {write ? (
        <li>
          <NavLink to="/import">Import</NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/workspace">Members</NavLink>
      </li>
      <li>
        <NavLink to="/tokens">API tokens</NavLink>
      </li>
    </>
  );
}

/**
 * Main navigation. Under 720 px it folds behind a "Menu" button (a disclosure) and opens as a
 * column, so every item fits 360 px without sideways scrolling; it closes on every navigation.
 */
function Nav() {
  const { user } = useMe();
  const listId = useId();
  const location = useLocation();
  // Open for the page it was opened on: any navigation (a link, back, a redirect) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.key;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: auth.logout,
    onSettled: async () => {
      // Leave the page first: a protected page that saw the user gone would redirect to
      // /login?next=… itself, and win or lose the race with this navigation.
      await navigate('/login');
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
  return (
    <nav aria-label="Main" className="main-nav">
      <button
        type="button"
        className="menu-button secondary"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpenOn(open ? null : location.key)}
      >
        Menu
      </button>
      <ul id={listId} className={open ? 'nav-list open' : 'nav-list'}>
        {user === undefined ? (
          // Not known yet: keep the header's height so nothing below it moves (no layout shift).
          <li className="nav-pending" aria-hidden="true">
            &nbsp;
          </li>
        ) : user ? (
          <>
            <UserLinks />
            {user.role === 'admin' ? (
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            ) : null}
            <li className="nav-user">
              <span className="nav-email">{user.email}</span>
              <button type="button" className="link-button" onClick={() => logout.mutate()}>
                Log out
              </button>
            </li>
          </>
        ) : (
          <>
            <li>
              <NavLink to="/login">Log in</NavLink>
            </li>
            <li>
              <NavLink to="/signup">Sign up</NavLink>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}

export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand" end>
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={24} height={24} />
          Flamingo
        </NavLink>
        <Nav />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
