import { NavLink } from 'react-router';

/** The admin area's own navigation (under the main one's “Admin”). */
export function AdminNav() {
  return (
    <nav aria-label="Admin" className="sub-nav">
      <ul className="nav-list">
        <li>
          <NavLink to="/admin" end>
            Users and links
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/domains">Domains</NavLink>
        </li>
        <li>
          <NavLink to="/admin/orphans">Orphan visits</NavLink>
        </li>
        <li>
          <NavLink to="/admin/audit">Audit log</NavLink>
        </li>
      </ul>
    </nav>
  );
}
