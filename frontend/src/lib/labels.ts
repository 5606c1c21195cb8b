// How names from the click data are shown: one mapping for operating systems (the stats'
// user-agent families and the rules' `os` values alike) and capitalised device types.

/** Display names by lower-cased key: `Mac OS X` (a UA family) and `macos` (a rule) are both macOS. */
const OS_NAMES: Record<string, string> = {
  ios: 'iOS',
  android: 'Android',
  windows: 'Windows',
  macos: 'macOS',
  'mac os x': 'macOS',
  'os x': 'macOS',
  linux: 'Linux',
  'chrome os': 'ChromeOS',
  chromeos: 'ChromeOS',
  other: 'Other',
};

export function osLabel(name: string): string {
  return OS_NAMES[name.trim().toLowerCase()] ?? name;
}

/** `mobile` → `Mobile` (the stats keep the API's lower-case keys). */
export function deviceLabel(name: string): string {
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** The browser's time zone, for labels of date-time fields ("Expires (Europe/Berlin)"). */
export function timeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  } catch {
    return 'local time';
  }
}
