// The user's opt-in to browser notifications (asked for only on a click in the panel), kept in this browser.
export const BROWSER_OPT_IN = 'cks.browserNotifications';
