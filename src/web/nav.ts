/**
 * The console's pages in the header, in order. A page adds its line here when it is built; `key`
 * is its label in locales/ (## web).
 */
export const NAV: readonly { path: string; key: string }[] = [
  { path: "/web", key: "web-nav-overview" },
  { path: "/web/tasks", key: "web-nav-tasks" },
  { path: "/web/targets", key: "web-nav-targets" },
  { path: "/web/reports", key: "web-nav-reports" },
  { path: "/web/messages", key: "web-nav-messages" },
  { path: "/web/people", key: "web-nav-people" },
  { path: "/web/settings", key: "web-nav-settings" },
];
