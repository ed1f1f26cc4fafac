import type { Role } from "../db/schema.ts";

/** Who may open the console: coordinators and admins change things, agency heads read. */
export const WEB_ROLES: readonly Role[] = ["coordinator", "admin", "head"];
export const canSignIn = (role: Role) => WEB_ROLES.includes(role);
